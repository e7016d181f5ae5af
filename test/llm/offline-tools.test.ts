import { describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { sampleRoom } from './fixtures.ts';

describe('the offline narrator’s character designs, critiques and summaries', () => {
  it('designs the same new character for the same room and hint, never reusing a name', async () => {
    const room = sampleRoom();
    const a = await createOfflineNarrator({ seed: 3 }).designCharacter?.({ room, hint: 'owes Vera money' });
    const b = await createOfflineNarrator({ seed: 3 }).designCharacter?.({ room, hint: 'owes Vera money' });
    expect(a?.output).toEqual(b?.output);
    expect(['Vera', 'Sam']).not.toContain(a?.output.name);
    expect(a?.output.backstory).toMatch(/owes Vera money\.$/);
    expect(a?.model).toBe('offline narrator');
  });

  it('scores four aspects from 1 to 10 with three suggestions', async () => {
    const critique = (await createOfflineNarrator().critique?.({ room: sampleRoom(12) }))?.output;
    for (const aspect of [
      critique?.structure,
      critique?.pacing,
      critique?.characterConsistency,
      critique?.dialogue,
    ]) {
      expect(aspect?.score).toBeGreaterThanOrEqual(1);
      expect(aspect?.score).toBeLessThanOrEqual(10);
      expect(aspect?.comment).toBeTruthy();
    }
    expect(critique?.suggestions).toHaveLength(3);
  });

  it('summarizes by extracting the first sentence of each beat after the previous summary', async () => {
    const room = sampleRoom(2);
    const beats = Object.values(room.beats).slice(1);
    const summary = await createOfflineNarrator().summarize?.({ room, previous: 'Earlier things.', beats });
    expect(summary?.output.text).toBe(
      'Earlier things. Beat number 1 happens in the diner. Beat number 2 happens in the diner.',
    );
  });
});
