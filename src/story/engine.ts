// The story engine: every rule about rooms, beats, votes and characters, behind one factory.
// Platform-neutral: adapters call it with a RoomRef and an Actor; it talks to the store and the narrator.

import type { Narrator } from '../llm/narrator.ts';
import type { Logger } from '../logger.ts';
import type { EventStore } from '../store/event-store.ts';
import { createBeatOperations } from './beat-operations.ts';
import type { Clock } from './clock.ts';
import type { StoryEvent } from './events.ts';
import { createNarratorOperations } from './narrator-operations.ts';
import { createRoomOperations } from './room-operations.ts';
import { createRoomRegistry, type RoomRegistry } from './room-registry.ts';
import type { RoomRef, RoomState } from './types.ts';
import { createVoteOperations } from './vote-operations.ts';

export interface EngineDeps {
  store: EventStore;
  narrator: Narrator;
  clock: Clock;
  logger: Logger;
  /** How many rooms to keep in memory (default 500); idle rooms beyond it are reloaded when used. */
  maxCachedRooms?: number | undefined;
}

/** What changed in a room, for adapters that show live state (vote counts, a vote closing on its own). */
export interface RoomChange {
  room: RoomState;
  events: readonly StoryEvent[];
}

export type ChangeListener = (change: RoomChange) => void;

/** Shared by the operation modules: the registry plus how to announce changes. */
export interface EngineCore extends EngineDeps {
  registry: RoomRegistry;
  notify(room: RoomState, events: readonly StoryEvent[]): void;
}

export function createStoryEngine(deps: EngineDeps) {
  const listeners = new Set<ChangeListener>();
  const core: EngineCore = {
    ...deps,
    registry: createRoomRegistry({
      store: deps.store,
      logger: deps.logger,
      now: () => deps.clock.now(),
      maxCachedRooms: deps.maxCachedRooms,
    }),
    notify(room, events) {
      for (const listener of listeners) {
        try {
          listener({ room, events });
        } catch (error) {
          deps.logger.error({ err: error, roomId: room.id }, 'room change listener failed');
        }
      }
    },
  };
  const votes = createVoteOperations(core);
  const narration = createNarratorOperations(core);
  // Long stories stay inside the model's context: after a beat, fold older beats into the summary in the
  // background (never blocking the command that wrote the beat). stop() waits for them: one still writing
  // after the store was closed would reopen its connection and keep the process alive.
  const background = new Set<Promise<void>>();
  listeners.add(({ room, events }) => {
    if (!events.some((event) => event.type === 'beat.added')) return;
    const task = narration.summarizeIfDue(room.ref);
    background.add(task);
    void task.finally(() => background.delete(task));
  });

  return {
    ...createRoomOperations(core),
    ...createBeatOperations(core, votes),
    ...votes,
    ...narration,

    /** Current state of a room (read-only; a room that was never used is empty). */
    room(ref: RoomRef): Promise<RoomState> {
      return core.registry.run(ref, (room) => room.state);
    },

    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * Re-arms vote deadlines stored before a restart; overdue votes close with every recorded ballot.
     * Several processes sharing a store (Discord shards) each pass `owns` so a vote has one timekeeper.
     */
    start(options: { owns?: (ref: RoomRef) => boolean } = {}): Promise<void> {
      return votes.rearm(options.owns);
    },

    /** Stops timers and background work; resolves once no background summary is still using the store. */
    async stop(): Promise<void> {
      narration.stopNarration();
      for (const room of core.registry.cached()) {
        if (room.voteTimer !== undefined) deps.clock.clearTimeout(room.voteTimer);
        room.voteTimer = undefined;
        room.generation?.controller.abort();
      }
      await Promise.allSettled([...background]);
    },
  };
}

export type StoryEngine = ReturnType<typeof createStoryEngine>;
