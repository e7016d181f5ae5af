import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { PAGE_WIDTH, renderBeat, renderBeats } from '../../../src/adapters/console/render-beats.ts';
import { hostileBeat, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 600;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Display columns, as the terminal shows them (a lone character too wide for any line is let through). */
const fits = (line: string, columns: number) =>
  stringWidth(line) <= columns || [...graphemes.segment(line.trim())].length === 1;

describe('the terminal screenplay on hostile beats', () => {
  it(`fits every line on the page and keeps the beat's words in order (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileBeat(), (beat) => {
        const lines = withinBound(() => renderBeat(beat), 'renderBeat');
        for (const line of lines) expect(fits(line, PAGE_WIDTH), JSON.stringify(line)).toBe(true);
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
