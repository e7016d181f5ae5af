// What the exports read out of a room's log about votes and kept takes (see room-log.ts).
import type { Author, VoteResult } from '../story/types.ts';

export interface Ballot {
  voter: { id: string; name: string };
  option: number;
  at: string;
  /** How many times this person changed their ballot before this one. */
  changes: number;
}

export interface VoteRecord {
  id: string;
  options: string[];
  openedBy: Author;
  openedAt: string;
  deadline: string;
  quorum?: number | undefined;
  extensions: { by: Author; at: string; deadline: string }[];
  /** Each person's final ballot, in the order they first voted. */
  ballots: Ballot[];
  status: 'open' | 'closed' | 'cancelled';
  result?: VoteResult | undefined;
  endedBy?: Author | undefined;
  endedAt?: string | undefined;
  /** The head of the story when the vote opened (null before the first beat): what it decided after. */
  anchorId: string | null;
}

/** Why a take or branch is not in the story. */
export type NotKeptReason = 'rewritten' | 'undone';
