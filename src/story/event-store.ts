// Persistence for rooms, as the engine needs it (src/store/ implements it): an append-only event log per
// room, snapshots, the index of open votes, the lease on a beat being written, small attachments adapters
// keep beside a room, and shared counters (token budgets). Values come back as unknown: whoever loads them validates them.
// Several processes may share one store: append is compare-and-set, and the lease is claimed atomically.
import type { StoryEvent } from './events.ts';

export interface StoredSnapshot {
  /** Schema version the state was written with. */
  v: number;
  /** Sequence number of the last event folded into the state. */
  seq: number;
  state: unknown;
}

/**
 * Thrown by append when another writer stored the room's next seq first: nothing of this append was stored.
 * The writer reloads the room from the log and tries its change again on the new state (room-registry.ts).
 */
export class AppendConflictError extends Error {
  override readonly name = 'AppendConflictError';
  readonly roomId: string;
  readonly seq: number;

  constructor(roomId: string, seq: number) {
    super(`seq ${seq} of room ${roomId} was taken by another writer`);
    this.roomId = roomId;
    this.seq = seq;
  }
}

export const isAppendConflict = (error: unknown): error is AppendConflictError =>
  error instanceof AppendConflictError;

/** Who is writing a room's beat, and until when the claim holds unless renewed. */
export interface Lease {
  /** Unique per generation (process and attempt), so only its holder renews or releases it. */
  holder: string;
  /** The person who asked for the beat. */
  by: { id: string; name: string };
  /** Epoch ms. After this the lease is free to claim; an unreleased expired lease means its holder died. */
  expiresAt: number;
  /** Set by /scene cancel on any process; the holder sees it on its next renewal and stops. */
  cancelledBy?: { id: string; name: string } | undefined;
}

export type LeaseClaim =
  | {
      claimed: true /** The expired lease this claim replaced, whose holder never released it. */;
      replaced?: Lease;
    }
  | { claimed: false; current: Lease };

export interface EventStore {
  /** Highest acknowledged sequence number of the room's log; 0 for a room never written. */
  head(roomId: string): Promise<number>;
  /**
   * Appends events whose seq numbers continue the log without gaps, all or nothing, only if the log's head is
   * still the seq before the first of them; otherwise rejects with AppendConflictError and stores nothing.
   * Resolves only once they are durably stored: an acknowledged event survives the process being killed.
   */
  append(roomId: string, events: readonly StoryEvent[]): Promise<void>;
  /** Events with fromSeq <= seq <= toSeq, in order. */
  read(roomId: string, fromSeq: number, toSeq: number): Promise<unknown[]>;
  readSnapshot(roomId: string): Promise<unknown>;
  writeSnapshot(roomId: string, snapshot: StoredSnapshot): Promise<void>;
  /** roomId -> deadline (ISO) of each room with an open vote, to re-arm vote timers on start-up. */
  openVotes(): Promise<Record<string, string>>;
  setOpenVote(roomId: string, deadline: string | null): Promise<void>;
  /**
   * Forgets the room's open-vote entry only if it still holds this deadline, so a process closing one vote
   * never drops the entry another process just wrote for the next.
   */
  clearOpenVote(roomId: string, deadline: string): Promise<void>;
  /** Claims the room's beat lease when it is free, expired (at `now`), or already this holder's. */
  claimLease(roomId: string, lease: Lease, now: number): Promise<LeaseClaim>;
  /** The lease, expired or not; undefined when none. */
  readLease(roomId: string): Promise<Lease | undefined>;
  /**
   * Replaces the lease only while `holder` holds it (moving its expiry, marking it cancelled). Returns the
   * lease as stored afterwards, or undefined when the holder has lost it.
   */
  updateLease(
    roomId: string,
    holder: string,
    change: Partial<Omit<Lease, 'holder'>>,
  ): Promise<Lease | undefined>;
  /** Deletes the lease if `holder` still holds it. */
  releaseLease(roomId: string, holder: string): Promise<void>;
  /**
   * Adds `by` to a named whole-number counter shared by every process on the store (a missing counter is 0),
   * atomically, and returns the new total. Names: letters, digits, `_`, `-`, `.` and `:`. The store may forget
   * a counter `ttlMs` after its last increment (token budgets name one per day).
   */
  addToCounter(name: string, by: number, ttlMs: number): Promise<number>;
  /** The counter's total; 0 for one never incremented (or forgotten). */
  readCounter(name: string): Promise<number>;
  /** A small value an adapter keeps with a room (e.g. which messages show a vote); undefined when none. */
  readAttachment(roomId: string, key: string): Promise<unknown>;
  /** Replaces the attachment; null deletes it. Keys are letters, digits, `_`, `-` and `.` (no `:`). */
  writeAttachment(roomId: string, key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}
