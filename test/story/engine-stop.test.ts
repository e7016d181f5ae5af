// Shutdown: engine.stop() resolves only once no background summary is still using the store, so the store
// can be closed right after it (a summary writing after close reopened a Redis connection and the process
// never exited).
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { mod, room } from '../helpers/story-fixture.ts';

describe('engine.stop()', () => {
  it('waits for a background summary to finish before it resolves', async () => {
    const offline = createOfflineNarrator();
    let release: () => void = () => {};
    let started = 0;
    const narrator: Narrator = {
      ...offline,
      async summarize(request) {
        started += 1;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return offline.summarize?.(request, {}) as ReturnType<NonNullable<Narrator['summarize']>>;
      },
    };
    const store = createKeyvEventStore(new Keyv());
    const engine = createStoryEngine({ store, narrator, clock: createFakeClock(), logger: silentLogger });
    await engine.startStory(room, mod, { title: 'Long night' });
    const long = 'The rain keeps falling on the diner windows while nobody says a word. '.repeat(4);
    for (let i = 0; i < 200 && started === 0; i++) {
      await engine.action(room, mod, { text: `${i}. ${long}` });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(started).toBe(1);

    let stopped = false;
    const stopping = engine.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    // Nothing touches the store after stop() resolved: closing it now leaves no late call behind.
    await store.close();
  });
});
