// What the narrator is asked for /recap and /review, and what it answers (Narrator.recap, Narrator.review).
import type { Sentiment } from './reaction-emoji.ts';
import type { Beat, RoomState } from './types.ts';

/** Longest recap text, in characters (about 400 tokens of English). */
export const RECAP_MAX_CHARS = 1500;
/** Beats a newcomer's recap covers. */
export const RECAP_NEWCOMER_BEATS = 20;
/** Most beats handed to the narrator verbatim; a longer absence is covered by the rolling summary. */
export const RECAP_BEATS_MAX = 40;

/** A "previously on…" for one person. */
export interface RecapRequest {
  room: RoomState;
  /** Who it is for (their name, as the room knows it). */
  reader: string;
  /** The beats they missed, oldest first: at most RECAP_BEATS_MAX, the newest ones. */
  beats: Beat[];
  /** How many beats they missed in all; more than beats.length when the summary covers the rest. */
  missed: number;
  /** The rolling summary, when the missed stretch starts before `beats`. */
  summary?: string | undefined;
}

export interface Recap {
  text: string;
}

/** What the asker of a personal review backed and reacted to. */
export interface PersonalAngle {
  name: string;
  /** Votes they cast, newest first: the option they chose, whether it won, and the beat it steered. */
  backed: { option: string; won: boolean; steered?: Beat | undefined }[];
  /** Beats they reacted to, newest first. */
  reacted: { beat: Beat; emoji: string[]; sentiment: Sentiment }[];
}

export interface ReviewRequest {
  room: RoomState;
  personal?: PersonalAngle | undefined;
}

/** A critic's review of the story so far. */
export interface Review {
  /** One sentence. */
  logline: string;
  synopsis: string;
  /** One to three each. */
  strengths: string[];
  weaknesses: string[];
  /** 1 to 5. */
  stars: number;
  pullQuote: string;
  /** For a personal review: how what they backed and liked played out, addressed to them. */
  forYou?: string | undefined;
}
