// Builds an engine on an in-memory store with a fake clock and a recording narrator, plus people to act as.
import Keyv from 'keyv';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';
import { createRecordingNarrator, type RecordingNarrator } from './recording-narrator.ts';

export const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'test' };
export const mod: Actor = { id: 'u-mod', name: 'Mo', role: 'moderator' };
export const alice: Actor = { id: 'u-alice', name: 'Alice', role: 'writer' };
export const bob: Actor = { id: 'u-bob', name: 'Bob', role: 'writer' };
export const carol: Actor = { id: 'u-carol', name: 'Carol', role: 'audience' };

export interface Fixture {
  engine: StoryEngine;
  store: EventStore;
  clock: FakeClock;
  narrator: RecordingNarrator;
  /** A new engine on the same store and clock, as after a restart. */
  restart(narrator?: Narrator): StoryEngine;
}

export function createFixture(options: { store?: EventStore; clock?: FakeClock } = {}): Fixture {
  const store = options.store ?? createKeyvEventStore(new Keyv());
  const clock = options.clock ?? createFakeClock();
  const narrator = createRecordingNarrator();
  const engine = createStoryEngine({ store, narrator, clock, logger: silentLogger });
  return {
    engine,
    store,
    clock,
    narrator,
    restart(next = narrator) {
      engine.stop();
      return createStoryEngine({ store, narrator: next, clock, logger: silentLogger });
    },
  };
}

export async function startedFixture(): Promise<Fixture> {
  const fixture = createFixture();
  await fixture.engine.startStory(room, mod, {
    title: 'The Heist',
    genre: 'noir',
    heading: 'INT. DINER - NIGHT',
  });
  await fixture.engine.addCharacter(room, mod, { name: 'Vera', description: 'A safecracker' });
  await fixture.engine.addCharacter(room, mod, { name: 'Sam', description: 'The getaway driver' });
  return fixture;
}
