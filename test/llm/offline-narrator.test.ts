import { describe, expect, it } from 'vitest';
import { createOfflineNarrator, OFFLINE_MODEL } from '../../src/llm/offline-narrator.ts';
import { mod, room, startedFixture } from '../helpers/story-fixture.ts';

describe('offline narrator', () => {
  it('is deterministic for a seed and names itself', async () => {
    const { engine } = await startedFixture();
    const state = await engine.room(room);
    const a = await createOfflineNarrator({ seed: 7 }).writeBeat({
      room: state,
      direction: 'the cops arrive',
    });
    const b = await createOfflineNarrator({ seed: 7 }).writeBeat({
      room: state,
      direction: 'the cops arrive',
    });
    expect(a).toEqual(b);
    expect(a.model).toBe(OFFLINE_MODEL);
  });

  it('opens every beat and line with the direction, as a sentence', async () => {
    const { engine } = await startedFixture();
    await engine.action(room, mod, { text: 'Quiet.' });
    const state = await engine.room(room);
    for (let seed = 1; seed <= 30; seed++) {
      const narrator = createOfflineNarrator({ seed });
      const beat = await narrator.writeBeat({ room: state, direction: 'the cops arrive' });
      expect(beat.output.text.startsWith('The cops arrive. ')).toBe(true);
      const line = await narrator.writeLine({ room: state, character: 'Vera', direction: 'they run!' });
      expect(line.output.text.startsWith('They run. ')).toBe(true);
      expect(beat.output.text).not.toMatch(/\bthe the\b|\{|\}/);
    }
  });

  it('streams exactly the text it returns, and stops when cancelled', async () => {
    const { engine } = await startedFixture();
    const state = await engine.room(room);
    const narrator = createOfflineNarrator();
    const pieces: string[] = [];
    const beat = await narrator.writeBeat({ room: state }, { onText: (d) => pieces.push(d) });
    expect(pieces.join('')).toBe(beat.output.text);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(narrator.writeBeat({ room: state }, { signal: controller.signal })).rejects.toThrow('stop');
  });
});
