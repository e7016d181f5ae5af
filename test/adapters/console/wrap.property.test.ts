import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignRight, indent, printable, wrap } from '../../../src/adapters/console/wrap.ts';
import { hostileText, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 1000;
const width = (line: string) => Array.from(line).length;

describe('terminal layout on hostile text', () => {
  it(`wraps to the width, keeping every non-space character in order (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 1, max: 120 }), (text, columns) => {
        const lines = withinBound(() => wrap(text, columns), 'wrap');
        for (const line of lines) expect(width(line)).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
      }),
      { numRuns: RUNS },
    );
  });

  it(`indents and right-aligns without losing anything (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileText({ maxLength: 100 })), fc.nat(40), (lines, spaces) => {
        const indented = indent(lines, spaces);
        for (const [i, line] of indented.entries()) {
          expect(line.trimStart().endsWith((lines[i] as string).trimStart())).toBe(true);
        }
        for (const line of lines) expect(alignRight(line, 60).endsWith(line)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`prints nothing that moves the cursor or changes colours, and keeps the rest (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        const shown = withinBound(() => printable(text), 'printable');
        expect(shown).not.toMatch(/(?!\n)\p{Cc}/u);
        const kept = text
          .replace(/\r\n?/g, '\n')
          .replace(/\t/g, '  ')
          .replace(/(?!\n)\p{Cc}/gu, '');
        expect(shown).toBe(kept);
      }),
      { numRuns: RUNS },
    );
  });
});
