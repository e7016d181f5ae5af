import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import {
  alignRight,
  displayWidth,
  indent,
  padEnd,
  printable,
  wrap,
} from '../../../src/adapters/console/wrap.ts';
import { hostileText, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 1000;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** A line fits when its display columns are within the width, or it is one character too wide for any line. */
const fits = (line: string, columns: number) =>
  stringWidth(line) <= columns || [...graphemes.segment(line)].length === 1;

/** Chinese prose as a model writes it: Han characters and full-width punctuation, few or no spaces. */
const chinese = fc.string({
  unit: fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)) },
    fc.constantFrom('。', '，', '！', '？', '“', '”', '：', '——', '……', '😀', ' ', 'a', 'é', 'e\u0301', '\n'),
  ),
  maxLength: 400,
});

describe('terminal layout on hostile text', () => {
  it(`wraps to the width in display columns, keeping every non-space character in order (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 1, max: 120 }), (text, columns) => {
        const lines = withinBound(() => wrap(text, columns), 'wrap');
        for (const line of lines) expect(fits(line, columns), JSON.stringify(line)).toBe(true);
        expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
      }),
      { numRuns: RUNS },
    );
  });

  it(`wraps Chinese to full lines of at most the width, two columns a character (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(chinese, fc.integer({ min: 2, max: 80 }), (text, columns) => {
        const lines = wrap(text, columns);
        for (const line of lines) expect(fits(line, columns)).toBe(true);
        expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        // A paragraph without spaces fills its lines: only the last may be more than one column short.
        for (const paragraph of text.split('\n').filter((p) => !/\s/.test(p))) {
          const own = wrap(paragraph, columns);
          for (const line of own.slice(0, -1)) expect(stringWidth(line)).toBeGreaterThanOrEqual(columns - 1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('measures wide, combining and emoji characters as a terminal shows them', () => {
    expect(displayWidth('内景 餐馆 - 夜')).toBe(14);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('👩‍👩‍👧')).toBe(2);
    expect(wrap('老周推门进来，抖了抖伞。', 10)).toEqual(['老周推门进', '来，抖了抖', '伞。']);
    expect(alignRight('对白', 6)).toBe('  对白');
    expect(padEnd('灯灭了', 8)).toBe('灯灭了  ');
  });

  it(`indents and right-aligns without losing anything (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileText({ maxLength: 100 })), fc.nat(40), (lines, spaces) => {
        const indented = indent(lines, spaces);
        for (const [i, line] of indented.entries()) {
          expect(line.trimStart().endsWith((lines[i] as string).trimStart())).toBe(true);
        }
        for (const line of lines) {
          expect(alignRight(line, 60).endsWith(line)).toBe(true);
          expect(padEnd(line, 60).startsWith(line)).toBe(true);
        }
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
