// Loads rooms from the store, keeps them in memory, runs every change to one room in order, and appends
// each change to the room's log before it is applied, so an acknowledged change is always stored.
import { createKeyedQueue } from '../keyed-queue.ts';
import type { Logger } from '../logger.ts';
import { UserError } from './errors.ts';
import type { EventStore } from './event-store.ts';
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
}

export interface LoadedRoom {
  state: RoomState;
  snapshotSeq: number;
  generation?: Generation | undefined;
  voteTimer?: unknown;
}

export interface RoomRegistry {
  /** Runs fn with the room, after every earlier call for the same room has finished. */
  run<T>(ref: RoomRef, fn: (room: LoadedRoom) => Promise<T> | T): Promise<T>;
  /** Stores the events, then applies them. Call only inside run(). */
  commit(room: LoadedRoom, actor: Author, bodies: EventBody[]): Promise<StoryEvent[]>;
  /** Like commit, for events by different people stored in one append (batched ballots). */
  commitEach(room: LoadedRoom, entries: readonly { actor: Author; body: EventBody }[]): Promise<StoryEvent[]>;
  /** Reads a room's state from the store without caching it (for exports and tools). */
  peek(ref: RoomRef): Promise<RoomState>;
  cached(): Iterable<LoadedRoom>;
}

/**
 * The store failed (its server is down, say): the person is told plainly that nothing changed, and the next
 * command tries the store again. Events are applied only after they are stored, and a half-written append
 * stays invisible (the head is written last), so a failure leaves nothing half-written.
 */
function storeUnavailable(doing: 'read' | 'save'): UserError {
  return new UserError(
    'store.unavailable',
    doing === 'save'
      ? "The story's storage is not answering right now, so nothing was added or changed. Try again in a moment."
      : "The story's storage is not answering right now, so this room could not be opened. Try again in a moment.",
  );
}

/** Rooms kept in memory by default; idle ones beyond this are dropped and reloaded from the store when used. */
export const MAX_CACHED_ROOMS = 500;

export function createRoomRegistry(deps: {
  store: EventStore;
  logger: Logger;
  now: () => number;
  maxCachedRooms?: number | undefined;
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
      logger.error(
        { err: error, roomId },
        doing === 'save' ? 'storing events failed' : 'reading a room failed',
      );
      throw storeUnavailable(doing);
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

  async function get(ref: RoomRef): Promise<LoadedRoom> {
    const id = roomIdOf(ref);
    const existing = rooms.get(id);
    if (existing) {
      // Map order is use order: move the room to the end, so eviction takes the least recently used.
      rooms.delete(id);
      rooms.set(id, existing);
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
      return queues.run(roomIdOf(ref), async () => fn(await get(ref)));
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
