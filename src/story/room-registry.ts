// Loads rooms from the store, keeps them in memory, runs every change to one room in order, and appends
// each change to the room's log before it is applied, so an acknowledged change is always stored.
// Other processes may write the same room: each turn first brings the cached room up to the log's head, and a
// turn whose append lost the race (another process stored that seq first) runs again on the room reloaded
// from the log, where its checks see the other change (and may refuse).
import { msg } from '../i18n/message.ts';
import { createKeyedQueue } from '../keyed-queue.ts';
import type { Logger } from '../logger.ts';
import { UserError } from './errors.ts';
import { type EventStore, isAppendConflict } from './event-store.ts';
import { type EventBody, SCHEMA_VERSION, type StoryEvent } from './events.ts';
import { applyEvent, emptyRoom } from './reduce.ts';
import { roomIdOf } from './room-id.ts';
import { roomStateSchema } from './room-state-schema.ts';
import type { Actor, Author, RoomRef, RoomState } from './types.ts';
import { upgradeEvent } from './upgrade-event.ts';

/** A snapshot is written after this many events, so loading replays at most this many. */
export const SNAPSHOT_EVERY = 250;

export interface Generation {
  by: Actor;
  controller: AbortController;
  startedAt: number;
  /** This generation's claim on the room's beat lease in the store. */
  holder: string;
}

export interface LoadedRoom {
  state: RoomState;
  snapshotSeq: number;
  generation?: Generation | undefined;
  voteTimer?: unknown;
  /** The deadline voteTimer is set for. */
  voteTimerDeadline?: string | undefined;
}

export interface RoomRegistry {
  /**
   * Runs fn with the room as the log has it now, after every earlier call for the same room in this process has
   * finished. When fn's commit loses the race to another process, fn runs again on the reloaded room, so fn
   * must check the room and do nothing irrevocable before its commits.
   */
  run<T>(ref: RoomRef, fn: (room: LoadedRoom) => Promise<T> | T): Promise<T>;
  /** Stores the events, then applies them. Call only inside run(). */
  commit(room: LoadedRoom, actor: Author, bodies: EventBody[]): Promise<StoryEvent[]>;
  /** Like commit, for events by different people stored in one append (batched ballots). */
  commitEach(room: LoadedRoom, entries: readonly { actor: Author; body: EventBody }[]): Promise<StoryEvent[]>;
  /** Reads a room's state from the store without caching it (for exports and tools). */
  peek(ref: RoomRef): Promise<RoomState>;
  cached(): Iterable<LoadedRoom>;
  /** The room if this process has it in memory (possibly behind the log). */
  cachedRoom(roomId: string): LoadedRoom | undefined;
}

/**
 * The store failed (its server is down, say): the person is told plainly that nothing changed, and the next
 * command tries the store again. Events are applied only after they are stored, and a half-written append
 * stays invisible (the head is written last), so a failure leaves nothing half-written.
 */
function storeUnavailable(): UserError {
  // Every turn reads the log's head first (other processes may have written), so an outage usually shows on
  // that read: the same words fit either way, and nothing was changed.
  return new UserError('store.unavailable', msg('story.room.store-unavailable'));
}

/** Attempts of one turn that keeps losing the race before it is refused as too busy. */
export const MAX_ATTEMPTS = 12;

/** Rooms kept in memory by default; idle ones beyond this are dropped and reloaded from the store when used. */
export const MAX_CACHED_ROOMS = 500;

export function createRoomRegistry(deps: {
  store: EventStore;
  logger: Logger;
  now: () => number;
  maxCachedRooms?: number | undefined;
  /** Called each time an append lost the race and the turn runs again (for metrics). */
  onConflict?: ((roomId: string) => void) | undefined;
}) {
  const { store, logger } = deps;
  const maxCached = deps.maxCachedRooms ?? MAX_CACHED_ROOMS;
  const rooms = new Map<string, LoadedRoom>();
  const loading = new Map<string, Promise<LoadedRoom>>();
  const queues = createKeyedQueue();

  async function fromStore<T>(roomId: string, doing: 'read' | 'save', call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // Another process stored first: not a failure of the store; run() reloads and tries again.
      if (isAppendConflict(error)) throw error;
      logger.error(
        { err: error, roomId },
        doing === 'save' ? 'storing events failed' : 'reading a room failed',
      );
      throw storeUnavailable();
    }
  }

  async function load(ref: RoomRef): Promise<LoadedRoom> {
    const id = roomIdOf(ref);
    const [rawSnapshot, head] = await fromStore(id, 'read', () =>
      Promise.all([store.readSnapshot(id), store.head(id)]),
    );
    let state = emptyRoom(id, ref);
    const snapshot = validSnapshot(rawSnapshot, id, head, logger);
    if (snapshot) state = snapshot;
    const raw =
      head > state.seq ? await fromStore(id, 'read', () => store.read(id, state.seq + 1, head)) : [];
    for (const event of raw) applyEvent(state, upgradeEvent(event));
    return { state, snapshotSeq: snapshot?.seq ?? 0 };
  }

  /** Brings a cached room up to the log's head (one read of the head when nothing changed). */
  async function catchUp(ref: RoomRef, room: LoadedRoom) {
    const id = room.state.id;
    const head = await fromStore(id, 'read', () => store.head(id));
    if (head === room.state.seq) return;
    if (head > room.state.seq) {
      const raw = await fromStore(id, 'read', () => store.read(id, room.state.seq + 1, head));
      for (const event of raw) applyEvent(room.state, upgradeEvent(event));
      return;
    }
    // The log is shorter than what this process saw (the store was restored from a backup): start over.
    const fresh = await load(ref);
    room.state = fresh.state;
    room.snapshotSeq = fresh.snapshotSeq;
  }

  async function get(ref: RoomRef): Promise<LoadedRoom> {
    const id = roomIdOf(ref);
    const existing = rooms.get(id);
    if (existing) {
      // Map order is use order: move the room to the end, so eviction takes the least recently used.
      rooms.delete(id);
      rooms.set(id, existing);
      await catchUp(ref, existing);
      return existing;
    }
    let pending = loading.get(id);
    if (!pending) {
      pending = load(ref).finally(() => loading.delete(id));
      loading.set(id, pending);
    }
    const room = await pending;
    rooms.set(id, room);
    evictIdle();
    return room;
  }

  /** Drops the least recently used rooms that nothing is waiting on: no queued call, vote timer or beat. */
  function evictIdle() {
    for (const [id, room] of rooms) {
      if (rooms.size <= maxCached) return;
      if (queues.busy(id) || room.voteTimer !== undefined || room.generation) continue;
      rooms.delete(id);
    }
  }

  const registry: RoomRegistry = {
    run(ref, fn) {
      const id = roomIdOf(ref);
      return queues.run(id, async () => {
        for (let attempt = 1; ; attempt++) {
          const room = await get(ref);
          try {
            return await fn(room);
          } catch (error) {
            if (!isAppendConflict(error)) throw error;
            deps.onConflict?.(id);
            if (attempt >= MAX_ATTEMPTS) {
              logger.warn({ roomId: id, attempts: attempt }, 'gave up on a change that kept losing the race');
              throw new UserError('room.busy', msg('story.room.busy'));
            }
            // Another process stored first: back off a little (less alike each time), then reload and retry.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          }
        }
      });
    },

    commit(room, actor, bodies) {
      return registry.commitEach(
        room,
        bodies.map((body) => ({ actor, body })),
      );
    },

    async commitEach(room, entries) {
      const at = new Date(deps.now()).toISOString();
      const events = entries.map(
        ({ actor, body }, index) =>
          ({ ...body, v: SCHEMA_VERSION, seq: room.state.seq + index + 1, at, actor }) as StoryEvent,
      );
      await fromStore(room.state.id, 'save', () => store.append(room.state.id, events));
      for (const event of events) applyEvent(room.state, event);
      if (room.state.seq - room.snapshotSeq >= SNAPSHOT_EVERY) {
        try {
          await store.writeSnapshot(room.state.id, {
            v: SCHEMA_VERSION,
            seq: room.state.seq,
            state: room.state,
          });
          room.snapshotSeq = room.state.seq;
        } catch (error) {
          // The events are stored; a missing snapshot only makes the next load replay more.
          logger.warn({ err: error, roomId: room.state.id }, 'snapshot write failed');
        }
      }
      return events;
    },

    async peek(ref) {
      return (await load(ref)).state;
    },

    cached: () => rooms.values(),
    cachedRoom: (roomId) => rooms.get(roomId),
  };
  return registry;
}

function validSnapshot(raw: unknown, id: string, head: number, logger: Logger): RoomState | undefined {
  if (raw === undefined || raw === null) return undefined;
  const candidate = raw as { v?: unknown; seq?: unknown; state?: unknown };
  if (candidate.v !== SCHEMA_VERSION || typeof candidate.seq !== 'number' || candidate.seq > head) {
    // Older format or ahead of the acknowledged log: rebuild from the log, which is the source of truth.
    return undefined;
  }
  const parsed = roomStateSchema.safeParse(candidate.state);
  if (!parsed.success) {
    logger.warn({ roomId: id }, 'snapshot failed validation; rebuilding the room from its log');
    return undefined;
  }
  return parsed.data as RoomState;
}
