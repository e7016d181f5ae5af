// What the engine's parts share: its dependencies, the room registry, and how a stored change is announced.
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import type { EventStore } from './event-store.ts';
import type { EventBody, StoryEvent } from './events.ts';
import type { Illustrator } from './illustrator.ts';
import type { Narrator } from './narrator.ts';
import type { LoadedRoom, RoomRegistry } from './room-registry.ts';
import { requireStory } from './rules.ts';
import type { TokenBudget, TokenBudgetLimits } from './token-budget.ts';
import type { Author, RoomRef, RoomState } from './types.ts';

export interface EngineDeps {
  store: EventStore;
  narrator: Narrator;
  clock: Clock;
  logger: Logger;
  /** How many rooms to keep in memory (default 500); idle rooms beyond it are reloaded when used. */
  maxCachedRooms?: number | undefined;
  /**
   * How long a beat's claim on its room holds past its last renewal (default 30 s). The process writing it
   * renews it while the narrator runs; a process that dies blocks the room's beats this long at most.
   */
  beatLeaseMs?: number | undefined;
  /** Called each time a change lost the race to another process and runs again (for metrics). */
  onConflict?: ((roomId: string) => void) | undefined;
  /** Daily token budgets (LLM_DAILY_TOKENS_PER_ROOM, LLM_DAILY_TOKENS_PER_SERVER); none: unlimited. */
  tokenBudget?: TokenBudgetLimits | undefined;
  /** Draws storyboard frames (/scene picture); none without IMAGE_MODEL, and the command says so. */
  illustrator?: Illustrator | undefined;
}

export interface EngineCore extends EngineDeps {
  registry: RoomRegistry;
  /** The budgets' counters; the narrator in core already checks and counts every call against them. */
  budget?: TokenBudget | undefined;
  /** Tells the engine's subscribers (and the rolling summary) what changed. */
  notify(room: RoomState, events: readonly StoryEvent[]): void;
}

/** Stores the events, applies them and announces them. Call only inside registry.run(). */
export async function commitAndNotify(
  core: EngineCore,
  room: LoadedRoom,
  author: Author,
  bodies: EventBody[],
): Promise<StoryEvent[]> {
  const events = await core.registry.commit(room, author, bodies);
  core.notify(room.state, events);
  return events;
}

/** The room's state once it has a story (and passes `check`), read in the room's turn. */
export function readStory(
  core: EngineCore,
  ref: RoomRef,
  check?: (state: RoomState) => void,
): Promise<RoomState> {
  return core.registry.run(ref, (room) => {
    requireStory(room.state);
    check?.(room.state);
    return room.state;
  });
}
