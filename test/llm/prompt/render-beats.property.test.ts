import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBeat, renderBeats } from '../../../src/llm/prompt/render-beats.ts';
import { MATERIAL_MAX } from '../../../src/llm/prompt/story-material.ts';
import { estimateTokens } from '../../../src/llm/prompt/token-estimate.ts';
import { hostileBeat, noSurrogateSplit, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 600;

describe('beats in the prompt, from hostile beats', () => {
  it(`are capped, fenced-safe, counted and never split a character (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileBeat({ maxLength: 6000 }), (beat) => {
        const { text, tokens } = withinBound(() => renderBeat(beat), 'renderBeat');
        expect(text.length).toBeLessThanOrEqual(MATERIAL_MAX.beat + 40 + 100 + 4);
        expect(text).not.toMatch(/<\/?\s*material/i);
        expect(tokens).toBe(estimateTokens(text) + 1);
        expect(noSurrogateSplit(text, beat.text, beat.character ?? '', beat.parenthetical ?? '')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`join any list in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileBeat({ maxLength: 2000 }), { maxLength: 8 }), (beats) => {
        const text = withinBound(() => renderBeats(beats), 'renderBeats');
        expect(text.split('\n\n').length).toBeGreaterThanOrEqual(beats.length === 0 ? 1 : beats.length);
      }),
      { numRuns: RUNS },
    );
  });
});
