// EventStore on any keyv backend (SQLite, Redis, PostgreSQL, memory).
// Layout: room:<id>:e:<seq> holds one event, room:<id>:head the highest acknowledged seq (written after the
// events, so a half-written append is invisible and overwritten by the next one), room:<id>:snap a snapshot,
// room:<id>:att:<key> an adapter's attachment (keys have no colon, so no room's keys reach into another's),
// counter:<name> a shared counter (token budgets), open-vote:<id> the deadline of a room's open vote: one key per room, so processes sharing the store never
// overwrite each other's (an earlier release kept them all in one open-votes key, read and moved on start-up).
// Every failure rejects: a read that failed must not look like an empty room, a write that failed must not
// look acknowledged.

import type Keyv from 'keyv';
import { createKeyedQueue } from '../keyed-queue.ts';
import {
  AppendConflictError,
  type EventStore,
  type Lease,
  type LeaseClaim,
  type StoredSnapshot,
} from '../story/event-store.ts';
import type { StoryEvent } from '../story/events.ts';
import { type AtomicOps, headOf, mapAtomicOps } from './atomic-ops.ts';

/** Where an earlier release kept every open vote, in one object. */
const LEGACY_OPEN_VOTES_KEY = 'open-votes';
const OPEN_VOTE_PREFIX = 'open-vote:';

const eventKey = (roomId: string, seq: number) => `room:${roomId}:e:${seq}`;
const headKey = (roomId: string) => `room:${roomId}:head`;
const snapshotKey = (roomId: string) => `room:${roomId}:snap`;
const leaseKey = (roomId: string) => `room:${roomId}:lease`;

const COUNTER_NAME = /^[\w.:-]{1,200}$/;
function counterKey(name: string): string {
  if (!COUNTER_NAME.test(name)) throw new Error(`invalid counter name ${JSON.stringify(name)}`);
  return `counter:${name}`;
}

const ATTACHMENT_KEY = /^[\w.-]{1,100}$/;
function attachmentKey(roomId: string, key: string): string {
  if (!ATTACHMENT_KEY.test(key)) throw new Error(`invalid attachment key ${JSON.stringify(key)}`);
  return `room:${roomId}:att:${key}`;
}

/** Reads at most this many keys in one getMany call. */
const READ_CHUNK = 500;

/**
 * Lists the keys (as Keyv names them, without its namespace) that start with a prefix; throws when the backend
 * fails. Each backend has its own (see create-event-store.ts); Keyv's in-memory Map needs none.
 */
export type KeyLister = (prefix: string) => AsyncIterable<string>;

function mapKeyLister(keyv: Keyv): KeyLister {
  return async function* (prefix) {
    const store: unknown = keyv.store;
    if (!(store instanceof Map)) throw new Error('this Keyv store needs a key lister to find open votes');
    const namespace = keyv.namespace ? `${keyv.namespace}:` : '';
    for (const key of [...store.keys()]) {
      if (typeof key === 'string' && key.startsWith(namespace + prefix)) yield key.slice(namespace.length);
    }
  };
}

function mapOps(keyv: Keyv): AtomicOps {
  const store: unknown = keyv.store;
  if (!(store instanceof Map)) throw new Error('this Keyv store needs atomic operations to append');
  return mapAtomicOps(store, keyv.namespace);
}

/** Takes ownership of keyv: close() disconnects it. */
export function createKeyvEventStore(
  keyv: Keyv,
  listKeys: KeyLister = mapKeyLister(keyv),
  ops: AtomicOps = mapOps(keyv),
): EventStore {
  // Keyv's default turns a failed get into undefined (an empty room) and a failed write into `false`.
  keyv.throwOnErrors = true;
  const serialize = async (value: unknown): Promise<string> => {
    const raw: unknown = await keyv.serialize?.({ value, expires: undefined });
    if (typeof raw !== 'string') throw new Error('the store needs Keyv to serialize values to strings');
    return raw;
  };

  // After close(), every call is refused: a Redis client reconnects on the next command, so a late call (a
  // background summary or a lease renewal finishing after shutdown) would open a new connection that keeps the process alive.
  let closed = false;
  const refuseIfClosed = () => {
    if (closed) throw new Error('the store is closed');
  };

  async function readLease(roomId: string): Promise<{ raw: string; lease: Lease } | undefined> {
    const raw = await ops.getRaw(leaseKey(roomId));
    if (raw === undefined) return undefined;
    const lease = keyv.deserialize?.(raw) as { value?: Lease } | undefined;
    if (
      !lease?.value ||
      typeof lease.value.holder !== 'string' ||
      typeof lease.value.expiresAt !== 'number'
    ) {
      throw new Error(`the beat lease of room ${roomId} is malformed: ${raw}`);
    }
    return { raw, lease: lease.value };
  }

  /** Reads the lease and replaces it by compare-and-set, again while another process changed it in between. */
  async function changeLease<T>(
    roomId: string,
    decide: (current: Lease | undefined) => { next: Lease | undefined; result: T } | { keep: T },
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      refuseIfClosed();
      const current = await readLease(roomId);
      const decision = decide(current?.lease);
      if ('keep' in decision) return decision.keep;
      const next = decision.next === undefined ? undefined : await serialize(decision.next);
      if (await ops.compareAndSet(leaseKey(roomId), current?.raw, next)) return decision.result;
      if (attempt >= 20) throw new Error(`the beat lease of room ${roomId} keeps changing`);
    }
  }
  // One room's open-vote writes land in the order they were made (other processes write other rooms').
  const voteWrites = createKeyedQueue();

  async function set(key: string, value: unknown) {
    if (!(await keyv.set(key, value))) throw new Error(`the store did not accept the write of ${key}`);
  }

  /** Moves an earlier release's single open-votes object to one key per room, then deletes it. */
  async function moveLegacyOpenVotes() {
    const value = await keyv.get<unknown>(LEGACY_OPEN_VOTES_KEY);
    if (value === undefined) return;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`the open-votes index is not an object: ${JSON.stringify(value)}`);
    }
    for (const [roomId, deadline] of Object.entries(value)) {
      if (typeof deadline === 'string') await set(OPEN_VOTE_PREFIX + roomId, deadline);
    }
    await keyv.delete(LEGACY_OPEN_VOTES_KEY);
  }

  return {
    async head(roomId) {
      refuseIfClosed();
      const value = await keyv.get<unknown>(headKey(roomId));
      if (value === undefined) return 0;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new Error(`head of room ${roomId} is not a sequence number: ${JSON.stringify(value)}`);
      }
      return value;
    },

    async append(roomId, events: readonly StoryEvent[]) {
      refuseIfClosed();
      const first = events[0];
      const last = events.at(-1);
      if (!first || !last) return;
      for (const [index, event] of events.entries()) {
        if (event.seq !== first.seq + index) throw new Error(`events to append to room ${roomId} skip a seq`);
      }
      const entries = await Promise.all(
        events.map(async (event) => ({ key: eventKey(roomId, event.seq), value: await serialize(event) })),
      );
      const stored = await ops.appendIfHead(
        headKey(roomId),
        first.seq - 1,
        entries,
        await serialize(last.seq),
      );
      if (!stored) throw new AppendConflictError(roomId, first.seq);
    },

    async read(roomId, fromSeq, toSeq) {
      refuseIfClosed();
      const out: unknown[] = [];
      for (let start = fromSeq; start <= toSeq; start += READ_CHUNK) {
        const end = Math.min(toSeq, start + READ_CHUNK - 1);
        const keys: string[] = [];
        for (let seq = start; seq <= end; seq++) keys.push(eventKey(roomId, seq));
        const values = await keyv.getMany<unknown>(keys);
        for (const [index, value] of values.entries()) {
          if (value === undefined) throw new Error(`event ${start + index} of room ${roomId} is missing`);
          out.push(value);
        }
      }
      return out;
    },

    async readSnapshot(roomId) {
      refuseIfClosed();
      return keyv.get<unknown>(snapshotKey(roomId));
    },

    async writeSnapshot(roomId, snapshot: StoredSnapshot) {
      refuseIfClosed();
      await set(snapshotKey(roomId), snapshot);
    },

    async openVotes() {
      refuseIfClosed();
      await moveLegacyOpenVotes();
      const keys: string[] = [];
      for await (const key of listKeys(OPEN_VOTE_PREFIX)) keys.push(key);
      const deadlines = keys.length > 0 ? await keyv.getMany<unknown>(keys) : [];
      const index: Record<string, string> = {};
      for (const [i, key] of keys.entries()) {
        const deadline = deadlines[i];
        // A key listed and then deleted (its vote closed meanwhile) reads as undefined.
        if (typeof deadline === 'string') index[key.slice(OPEN_VOTE_PREFIX.length)] = deadline;
      }
      return index;
    },

    async setOpenVote(roomId, deadline) {
      refuseIfClosed();
      const key = OPEN_VOTE_PREFIX + roomId;
      return voteWrites.run(roomId, async () => {
        refuseIfClosed();
        if (deadline === null) await keyv.delete(key);
        else await set(key, deadline);
      });
    },

    async clearOpenVote(roomId, deadline) {
      refuseIfClosed();
      const key = OPEN_VOTE_PREFIX + roomId;
      await voteWrites.run(roomId, async () => {
        refuseIfClosed();
        const raw = await ops.getRaw(key);
        if (raw === undefined) return;
        if ((keyv.deserialize?.(raw) as { value?: unknown } | undefined)?.value !== deadline) return;
        // Only if nobody wrote another deadline since: that would be the next vote's.
        await ops.compareAndSet(key, raw, undefined);
      });
    },

    async claimLease(roomId, lease, now) {
      refuseIfClosed();
      return changeLease<LeaseClaim>(roomId, (current) => {
        if (!current || current.holder === lease.holder) return { next: lease, result: { claimed: true } };
        if (current.expiresAt <= now) return { next: lease, result: { claimed: true, replaced: current } };
        return { keep: { claimed: false, current } };
      });
    },

    async readLease(roomId) {
      refuseIfClosed();
      return (await readLease(roomId))?.lease;
    },

    async updateLease(roomId, holder, change) {
      refuseIfClosed();
      return changeLease<Lease | undefined>(roomId, (current) => {
        if (current?.holder !== holder) return { keep: undefined };
        const next = { ...current, ...change, holder };
        return { next, result: next };
      });
    },

    async releaseLease(roomId, holder) {
      refuseIfClosed();
      return changeLease<void>(roomId, (current) =>
        current?.holder === holder ? { next: undefined, result: undefined } : { keep: undefined },
      );
    },

    async addToCounter(name, by, ttlMs) {
      refuseIfClosed();
      if (!Number.isSafeInteger(by) || by < 0) throw new Error(`not a count to add: ${by}`);
      return ops.increment(counterKey(name), by, ttlMs);
    },

    async readCounter(name) {
      refuseIfClosed();
      return headOf(await ops.getRaw(counterKey(name)));
    },

    async readAttachment(roomId, key) {
      refuseIfClosed();
      return keyv.get<unknown>(attachmentKey(roomId, key));
    },

    async writeAttachment(roomId, key, value) {
      refuseIfClosed();
      const full = attachmentKey(roomId, key);
      if (value === null || value === undefined) await keyv.delete(full);
      else await set(full, value);
    },

    async close() {
      if (closed) return;
      closed = true;
      await keyv.disconnect();
    },
  };
}
