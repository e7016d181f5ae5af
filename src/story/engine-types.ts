// What goes into the engine's operations and what comes back (the StoryEngine interface in engine.ts).
import type { StoryEvent } from './events.ts';
import type { BudgetStatus } from './token-budget.ts';
import type {
  Beat,
  ContentRating,
  RoomRef,
  RoomSettings,
  RoomState,
  Scene,
  TokenUsage,
  Vote,
} from './types.ts';

/** What changed in a room, for adapters that show live state (vote counts, a vote closing on its own). */
export interface RoomChange {
  room: RoomState;
  events: readonly StoryEvent[];
}

export type ChangeListener = (change: RoomChange) => void;

export interface StartOptions {
  /** Several processes sharing a store (Discord shards) each say which rooms they keep time for. */
  owns?: ((ref: RoomRef) => boolean) | undefined;
  /**
   * Also re-arm every this often (ms), so a vote whose process died closes on another; 0 or absent: only now.
   * Processes that may serve the same rooms (HTTP behind a load balancer, rolling restarts) set it.
   */
  rearmEveryMs?: number | undefined;
}

/** Settings to change; a key that is absent or undefined keeps its value. */
export type SettingsPatch = { [K in keyof RoomSettings]?: RoomSettings[K] | undefined };

export interface StartInput {
  title: string;
  premise?: string | undefined;
  genre?: string | undefined;
  tone?: string | undefined;
  language?: string | undefined;
  rating?: ContentRating | undefined;
  heading?: string | undefined;
}

export interface CharacterInput {
  name: string;
  description?: string | undefined;
  voice?: string | undefined;
}

/** What a narrated beat is steered by; without it the narrator carries on as it sees fit. */
export interface DirectionInput {
  direction?: string | undefined;
}

export interface BeatOutcome {
  beat: Beat;
  scene?: Scene | undefined;
  /** The vote opened right after the beat when the room's auto-vote is on. */
  vote?: Vote | undefined;
  room: RoomState;
}

export interface UndoOutcome {
  undone: Beat;
  /** The beat that is the head now; undefined when the story is back to its start. */
  head: Beat | undefined;
  room: RoomState;
}

export interface CanonEntry {
  /** 1-based, as /canon list numbers them. */
  number: number;
  text: string;
}

export type CanonFact = RoomState['canon'][number];

export interface RoomUsage {
  total: TokenUsage;
  /** Beats written by each model, with their tokens. */
  byModel: { model: string; beats: number; usage: TokenUsage }[];
  /** Summaries, critiques and character designs. */
  other: TokenUsage;
  /** What is left of today's budgets that are set; undefined without any. */
  budget?: BudgetStatus | undefined;
}

export interface OpenVoteInput {
  options?: string[] | undefined;
  durationMs?: number | undefined;
  quorum?: number | undefined;
}

export interface BallotInput {
  /** 1-based. */
  option: number;
  /** The vote the ballot is for (a button carries it); the room's open vote otherwise. */
  voteId?: string | undefined;
}

export interface BallotReceipt {
  voteId: string;
  options: string[];
  /** 0-based index of the option voted for. */
  option: number;
  /** The person's earlier choice in this vote, if they had voted already. */
  previous: number | undefined;
}
