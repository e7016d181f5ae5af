// Persistence for rooms, as the engine needs it (src/store/ implements it): an append-only event log per
// room, snapshots, the index of open votes, and small attachments adapters keep beside a room. Values come
// back as unknown: whoever loads them validates them.
import type { StoryEvent } from './events.ts';

export interface StoredSnapshot {
  /** Schema version the state was written with. */
  v: number;
  /** Sequence number of the last event folded into the state. */
  seq: number;
  state: unknown;
}

export interface EventStore {
  /** Highest acknowledged sequence number of the room's log; 0 for a room never written. */
  head(roomId: string): Promise<number>;
  /**
   * Appends events whose seq numbers continue the log without gaps. Resolves only once they are durably
   * stored: an acknowledged event survives the process being killed.
   */
  append(roomId: string, events: readonly StoryEvent[]): Promise<void>;
  /** Events with fromSeq <= seq <= toSeq, in order. */
  read(roomId: string, fromSeq: number, toSeq: number): Promise<unknown[]>;
  readSnapshot(roomId: string): Promise<unknown>;
  writeSnapshot(roomId: string, snapshot: StoredSnapshot): Promise<void>;
  /** roomId -> deadline (ISO) of each room with an open vote, to re-arm vote timers on start-up. */
  openVotes(): Promise<Record<string, string>>;
  setOpenVote(roomId: string, deadline: string | null): Promise<void>;
  /** A small value an adapter keeps with a room (e.g. which messages show a vote); undefined when none. */
  readAttachment(roomId: string, key: string): Promise<unknown>;
  /** Replaces the attachment; null deletes it. Keys are letters, digits, `_`, `-` and `.` (no `:`). */
  writeAttachment(roomId: string, key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}
