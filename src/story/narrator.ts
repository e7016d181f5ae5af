// The narrator interface: what the engine asks of any storyteller, offline templates or a real model.

import type { Recap, RecapRequest, Review, ReviewRequest } from './recap-review.ts';
import type { SceneCard } from './scene-card.ts';
import type { Beat, BeatKind, RoomState, TokenUsage } from './types.ts';

export interface NarrationOptions {
  /** Aborts the generation; the promise then rejects and nothing enters the story. */
  signal?: AbortSignal | undefined;
  /** Receives the visible text as it is written, in order. */
  onText?: ((delta: string) => void) | undefined;
  /**
   * Called when text already streamed is being thrown away because the narrator starts again (a retry after a
   * dropped connection, a fallback model, a repair of invalid output). What follows replaces it.
   */
  onRestart?: (() => void) | undefined;
}

/** What the narrator is asked to continue from. The room is read-only. */
export interface NarrationRequest {
  room: RoomState;
  /** What should happen next: a person's direction and/or the audience's winning vote option. */
  direction?: string | undefined;
}

export interface BeatDraft {
  kind: Exclude<BeatKind, 'scene'>;
  character?: string | undefined;
  parenthetical?: string | undefined;
  text: string;
}

export interface LineDraft {
  parenthetical?: string | undefined;
  text: string;
}

export interface SceneDraft {
  heading: string;
  description: string;
}

/** A character the narrator proposes; a writer or moderator accepts it into the room or discards it. */
export interface CharacterDesign {
  name: string;
  look: string;
  personality: string;
  backstory: string;
  /** A line in the character's voice. */
  sampleLine: string;
}

export interface CritiqueScore {
  /** 1 (weak) to 10 (excellent). */
  score: number;
  comment: string;
}

/** A review of the script so far, shown only to the person who asked. */
export interface Critique {
  structure: CritiqueScore;
  pacing: CritiqueScore;
  characterConsistency: CritiqueScore;
  dialogue: CritiqueScore;
  /** Exactly three concrete suggestions. */
  suggestions: string[];
}

/**
 * What the narrator wants folded into the room's rolling summary next: `beats` into `previous`, covering the
 * canonical path up to `throughBeatId`.
 */
export interface SummaryPlan {
  previous?: string | undefined;
  beats: Beat[];
  throughBeatId: string;
  /** Beats on the path the new summary covers, counted from the start; goes into summary.updated. */
  beatCount: number;
}

/** Older beats to fold into the room's rolling summary (see Narrator.summaryDue). */
export interface SummaryRequest {
  room: RoomState;
  /** The summary so far, which the new one replaces. */
  previous?: string | undefined;
  /** Beats after the previous summary, oldest first. */
  beats: Beat[];
}

export interface Narration<T> {
  output: T;
  usage: TokenUsage;
  /** The model that wrote it, e.g. "gpt-4o-mini", or "offline narrator". */
  model: string;
}

export interface Narrator {
  /** Models a moderator may choose for a room (room.settings.model); undefined when there is no choice. */
  readonly models?: readonly string[] | undefined;
  /** The next beat of the story on the room's canonical path. */
  writeBeat(request: NarrationRequest, options?: NarrationOptions): Promise<Narration<BeatDraft>>;
  /** One line of dialogue for a character already in the room. */
  writeLine(
    request: NarrationRequest & { character: string },
    options?: NarrationOptions,
  ): Promise<Narration<LineDraft>>;
  /** Between 2 and 4 short branch options for the audience to vote on. */
  proposeOptions(
    request: NarrationRequest & { count: number },
    options?: NarrationOptions,
  ): Promise<Narration<string[]>>;
  /** A new scene: a screenplay heading ("INT. DINER - NIGHT") and a one-line description. */
  proposeScene(request: NarrationRequest, options?: NarrationOptions): Promise<Narration<SceneDraft>>;
  // The four below are optional only so that older fakes keep compiling; both real narrators have them.
  /** A new character, steered by an optional hint ("a retired pilot who owes Vera money"). */
  designCharacter?(
    request: NarrationRequest & { hint?: string | undefined },
    options?: NarrationOptions,
  ): Promise<Narration<CharacterDesign>>;
  /**
   * A scene card (/scene build): where and when, atmosphere, light, sound, key props, and who is present and
   * what each wants. Under the given heading when there is one; the notes steer it.
   */
  designScene?(
    request: NarrationRequest & { heading?: string | undefined; notes?: string | undefined },
    options?: NarrationOptions,
  ): Promise<Narration<SceneCard>>;
  /** Scores for structure, pacing, character consistency and dialogue, with three suggestions. */
  critique?(request: NarrationRequest, options?: NarrationOptions): Promise<Narration<Critique>>;
  /** A "previously on…" of the beats a person missed, within RECAP_MAX_CHARS (recap-review.ts). */
  recap?(request: RecapRequest, options?: NarrationOptions): Promise<Narration<Recap>>;
  /** A critic's review: logline, synopsis, strengths, weaknesses, stars, pull quote; personal when asked. */
  review?(request: ReviewRequest, options?: NarrationOptions): Promise<Narration<Review>>;
  /**
   * With a content filter configured (LLM_MODERATION): checks people's own words (lines, actions, character
   * sheets, canon, vote options) before they enter the story, and throws a UserError when they are flagged.
   */
  checkText?(texts: readonly (string | undefined)[], options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Whether the room's summary has fallen behind the beats this narrator keeps verbatim in its prompt (its own
   * memory settings decide), and what to fold in next. The engine asks after each beat, runs summarize with the
   * plan in the background, and asks again until this says nothing is due. Narrators with summarize have it.
   */
  summaryDue?(room: RoomState): SummaryPlan | undefined;
  /** A new rolling summary: the previous one plus the given beats, within a fixed length. */
  summarize?(request: SummaryRequest, options?: NarrationOptions): Promise<Narration<{ text: string }>>;
}
