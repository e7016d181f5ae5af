import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SplitOptions, splitText } from '../../../src/adapters/shared/split-text.ts';
import { returnsWithin } from '../../helpers/hang-guard.ts';
import { hostileText, textAroundLimits, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 300;

/**
 * The shared splitter's contract for any platform: the pieces are the trimmed text in order with only the
 * whitespace around each cut dropped, and (with `quotes` only) "> " added in front of a piece that continues
 * a quoted line cut mid-line.
 */
function expectPiecesOf(text: string, pieces: string[], limit: number, options: SplitOptions) {
  const source = text.trim();
  let at = 0;
  for (const [index, piece] of pieces.entries()) {
    expect(piece.length).toBeGreaterThan(0);
    expect(piece.length).toBeLessThanOrEqual(limit);
    let body = piece;
    if (!source.startsWith(piece, at)) {
      expect(options.quotes, `piece ${index} is not the text at ${at}`).toBe(true);
      expect(piece.startsWith('> ')).toBe(true);
      body = piece.slice(2);
      expect(source.startsWith(body, at), `piece ${index} is not the text at ${at}`).toBe(true);
    }
    at += body.length;
    if (index < pieces.length - 1) {
      const splitsPair = /^[\ud800-\udbff][\udc00-\udfff]$/.test(source.slice(at - 1, at + 1));
      expect(splitsPair, `piece ${index} ends inside a surrogate pair`).toBe(false);
    }
    at += (/^\s*/.exec(source.slice(at, at + 10_000))?.[0] ?? '').length;
  }
  expect(at).toBe(source.length);
}

// Discord's 2,000 and Slack's 3,000 (a section) and 4,000 (a message), and small ones that force hard cuts.
const limits = fc.constantFrom(20, 57, 2000, 3000, 4000);
const modes = fc.constantFrom<SplitOptions>(
  {},
  { quotes: true },
  { quotes: true, backslashEscapes: true },
  { quotes: true, entities: true },
);

describe('splitText for any platform', () => {
  it(`keeps every character in order within the limit, with or without markdown (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), limits, modes, (text, limit, options) => {
        const pieces = withinBound(() => splitText(text, limit, options), 'splitText');
        expectPiecesOf(text, pieces, limit, options);
      }),
      { numRuns: RUNS },
    );
  });

  it(`does the same for lengths around the limit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        textAroundLimits(20, 100, 3000),
        fc.constantFrom(20, 100, 3000),
        modes,
        (text, limit, options) => {
          const pieces = withinBound(() => splitText(text, limit, options), 'splitText');
          expectPiecesOf(text, pieces, limit, options);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`never cuts one of Slack's entities ("&amp;") in two (${RUNS} runs)`, () => {
    const escaped = fc
      .tuple(hostileText(), fc.constantFrom('&', '<', '>'))
      .map(([text, special]) => text.replace(/[\s\S]{1,7}/g, (run) => run + special))
      .map((text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    fc.assert(
      fc.property(escaped, limits, fc.boolean(), (text, limit, quotes) => {
        const options = { quotes, entities: true };
        const pieces = withinBound(() => splitText(text, limit, options), 'splitText');
        expectPiecesOf(text, pieces, limit, options);
        for (const piece of pieces) expect(piece.replace(/&(?:amp|lt|gt);/g, '')).not.toMatch(/&/);
      }),
      { numRuns: RUNS },
    );
  });

  it('treats "> " as plain text unless asked, and then keeps it on a quoted line cut in the middle', () => {
    const quoted = `> **TEODOR**\n> ${'x'.repeat(50)}`;

    expect(splitText(quoted, 30)).toEqual(['> **TEODOR**', '>', 'x'.repeat(30), 'x'.repeat(20)]);
    expect(splitText(quoted, 30, { quotes: true })).toEqual([
      '> **TEODOR**',
      `> ${'x'.repeat(28)}`,
      `> ${'x'.repeat(22)}`,
    ]);
  });

  it('keeps a backslash escape whole only when asked', () => {
    const escaped = `${'a'.repeat(19)}\\*${'b'.repeat(10)}`;

    expect(splitText(escaped, 20)[0]).toBe(`${'a'.repeat(19)}\\`);
    expect(splitText(escaped, 20, { backslashEscapes: true })[0]).toBe('a'.repeat(19));
  });

  it('returns promptly on long unbroken runs (run in a worker, so a hang fails instead of freezing)', async () => {
    await returnsWithin(
      new URL('../../../src/adapters/shared/split-text.ts', import.meta.url),
      'splitText',
      [
        ['x'.repeat(100_000), 3000],
        ['林'.repeat(50_000), 4000],
        [`> ${'x'.repeat(30)}`, 20],
      ],
      10_000,
    );
  });
});
