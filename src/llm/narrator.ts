// The narrator interface: what the engine asks of any storyteller, offline templates or a real model.
import type { BeatKind, RoomState, TokenUsage } from '../story/types.ts';

export interface NarrationOptions {
  /** Aborts the generation; the promise then rejects and nothing enters the story. */
  signal?: AbortSignal | undefined;
  /** Receives the visible text as it is written, in order. */
  onText?: ((delta: string) => void) | undefined;
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

export interface Narration<T> {
  output: T;
  usage: TokenUsage;
  /** The model that wrote it, e.g. "gpt-4o-mini", or "offline narrator". */
  model: string;
}

export interface Narrator {
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
}
