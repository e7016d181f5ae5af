// The room's state as derived from its event log. Plain data: serializable into snapshots, no platform objects.
import type { PictureRecord } from './picture-record.ts';
import type { SceneCard } from './scene-card.ts';

export type Platform = 'discord' | 'slack' | 'console';

/** Where a room lives: one room per channel. */
export interface RoomRef {
  platform: Platform;
  /** Discord guild id, Slack team id, or "local" for the console. */
  workspaceId: string;
  channelId: string;
}

export type Role = 'moderator' | 'writer' | 'audience';

/** Who did something: a person, the narrator with its model name, or storyroom itself (a vote's deadline). */
export type Author =
  | { kind: 'user'; id: string; name: string }
  | { kind: 'narrator'; model: string }
  | { kind: 'system' };

/** The person running a command, with the role the adapter mapped from platform permissions. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export type ContentRating = 'general' | 'teen' | 'mature';

export interface StoryInfo {
  title: string;
  premise: string;
  genre: string;
  tone: string;
  /** BCP 47 tag, e.g. "en", "zh-CN". */
  language: string;
  rating: ContentRating;
  startedBy: Author;
  startedAt: string;
}

export interface RoomSettings {
  voteDurationMs: number;
  whoMayContinue: 'everyone' | 'writers';
  cooldownMs: number;
  autoVote: boolean;
  /** Platforms that can (Discord webhooks) post each character's lines under the character's own name. */
  characterVoices: boolean;
  /** Model chosen by a moderator from the operator's allow-list; undefined means the default. */
  model?: string | undefined;
}

export interface Character {
  name: string;
  description: string;
  voice: string;
  createdBy: Author;
  createdAt: string;
}

export interface Scene {
  id: string;
  heading: string;
  description: string;
  /** The card the scene was built from (/scene build): the narrator reads it while the scene lasts. */
  card?: SceneCard | undefined;
}

export type BeatKind = 'scene' | 'action' | 'dialogue' | 'transition';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface Beat {
  id: string;
  parentId: string | null;
  kind: BeatKind;
  /** For dialogue: the speaking character's name as stored in the room. */
  character?: string | undefined;
  parenthetical?: string | undefined;
  text: string;
  /** For kind "scene": the scene this beat opens. */
  sceneId?: string | undefined;
  author: Author;
  at: string;
  /** The direction the beat was written to, when there was one. */
  direction?: string | undefined;
  /** The vote whose winning option steered it; undoing the beat gives the winner back. */
  voteId?: string | undefined;
  usage?: TokenUsage | undefined;
}

export type VoteStatus = 'open' | 'closed' | 'cancelled';

export interface VoteResult {
  /** Index of the winning option, or null when the vote ended without a winner (quorum not met). */
  winner: number | null;
  tally: number[];
  /**
   * deadline: the ballots decided when time ran out; closed-early: a moderator closed it before the deadline
   * and the ballots decided; moderator: a moderator picked the winner; quorum: too few ballots, no winner.
   */
  reason: 'deadline' | 'closed-early' | 'moderator' | 'quorum';
}

export interface Vote {
  id: string;
  options: string[];
  openedBy: Author;
  openedAt: string;
  deadline: string;
  quorum?: number | undefined;
  /** userId -> option index. One ballot per person; voting again replaces it. */
  ballots: Record<string, number>;
  status: VoteStatus;
  result?: VoteResult | undefined;
  closedAt?: string | undefined;
}

export interface Contributor {
  id: string;
  name: string;
  beats: number;
  ballots: number;
  firstAt: string;
  lastAt: string;
}

/** The room's style (/style set): what the narrator writes like. Kept in the story bible of every prompt. */
export interface RoomStyle {
  /** A passage to write like (about 2,000 characters at most). */
  sample?: string | undefined;
  /** Short notes: "short sentences, no adverbs, dry humour". */
  notes?: string | undefined;
  setBy: Author;
  at: string;
}

export interface RoomState {
  id: string;
  ref: RoomRef;
  /** Sequence number of the last event applied. */
  seq: number;
  story?: StoryInfo | undefined;
  settings: RoomSettings;
  locked?: { by: Author; at: string } | undefined;
  characters: Character[];
  scenes: Record<string, Scene>;
  beats: Record<string, Beat>;
  /** Tip of the canonical path through the beat tree. */
  headId: string | null;
  votes: Record<string, Vote>;
  openVoteId?: string | undefined;
  /** The winning option of the last vote, waiting to steer the next beat. */
  pendingDirection?: { text: string; voteId: string } | undefined;
  contributors: Record<string, Contributor>;
  /** userId -> time of their last beat, for the per-user cooldown. */
  lastBeatAt: Record<string, string>;
  /** Facts a moderator pinned; never dropped from the narrator's prompt. */
  canon: { id: string; text: string; addedBy: Author; at: string }[];
  /** Rolling summary of older beats, written by the narrator. */
  summary?: { text: string; throughBeatId: string; beatCount: number } | undefined;
  usage: TokenUsage;
  /** Storyboard frames (/scene picture), oldest first; absent until the first. */
  pictures?: PictureRecord[] | undefined;
  /** The room's style, when a moderator set one. */
  style?: RoomStyle | undefined;
  /** beatId -> emoji -> ids of the people who reacted with it (reactions.ts bounds it); absent: none yet. */
  reactions?: Record<string, Record<string, string[]>> | undefined;
  /** beatId -> person -> how many reaction changes (adds and removals) of theirs the log holds on it. */
  reactionChanges?: Record<string, Record<string, number>> | undefined;
  /** userId -> the head of the story when they last read a /recap. */
  recaps?: Record<string, string | null> | undefined;
}

export const DEFAULT_SETTINGS: RoomSettings = {
  voteDurationMs: 60_000,
  whoMayContinue: 'everyone',
  cooldownMs: 0,
  autoVote: false,
  characterVoices: false,
};
