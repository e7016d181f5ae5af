import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_WIDTH, renderBeat, renderBeats } from '../../../src/adapters/console/render-beats.ts';
import { hostileBeat, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 600;
const width = (line: string) => Array.from(line).length;

describe('the terminal screenplay on hostile beats', () => {
  it(`fits every line on the page and keeps the beat's words in order (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileBeat(), (beat) => {
        const lines = withinBound(() => renderBeat(beat), 'renderBeat');
        for (const line of lines) expect(width(line)).toBeLessThanOrEqual(PAGE_WIDTH);
        const text =
          beat.kind === 'scene' || beat.kind === 'transition' ? beat.text.toUpperCase() : beat.text;
        expect(lines.join('').replace(/\s+/g, '')).toContain(text.replace(/\s+/g, ''));
      }),
      { numRuns: RUNS },
    );
  });

  it(`renders any list of beats in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileBeat({ maxLength: 1000 }), { maxLength: 6 }), (beats) => {
        const lines = withinBound(() => renderBeats(beats), 'renderBeats');
        expect(lines.length).toBeGreaterThanOrEqual(beats.length);
      }),
      { numRuns: RUNS },
    );
  });
});
