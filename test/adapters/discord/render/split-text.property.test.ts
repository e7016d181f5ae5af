import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../../../src/adapters/discord/render/escape-text.ts';
import { CONTENT_MAX } from '../../../../src/adapters/discord/render/message-draft.ts';
import { renderBeats } from '../../../../src/adapters/discord/render/render-screenplay.ts';
import { splitText } from '../../../../src/adapters/discord/render/split-text.ts';
import { returnsWithin } from '../../../helpers/hang-guard.ts';
import { hostileBeat, hostileText, textAroundLimits, withinBound } from '../../../helpers/hostile-text.ts';

const RUNS = 600;

/**
 * Checks splitText's documented contract: the pieces are the trimmed text in order, with only the whitespace
 * around each cut dropped, and "> " added only in front of a piece that continues a quoted line cut mid-line.
 */
function expectPiecesOf(text: string, pieces: string[], limit: number) {
  const source = text.trim();
  let at = 0;
  for (const [index, piece] of pieces.entries()) {
    expect(piece.length).toBeGreaterThan(0);
    expect(piece.length).toBeLessThanOrEqual(limit);
    let body = piece;
    if (!source.startsWith(piece, at)) {
      // Only a continuation of a quoted line may start with an added marker.
      expect(index, `piece ${index} is not the text at ${at}`).toBeGreaterThan(0);
      expect(piece.startsWith('> ')).toBe(true);
      body = piece.slice(2);
      const lineStart = source.lastIndexOf('\n', at - 1) + 1;
      expect(source.startsWith('> ', lineStart)).toBe(true);
      expect(/\n/.test(source.slice(lineStart, at))).toBe(false);
      expect(source.startsWith(body, at), `piece ${index} is not the text at ${at}`).toBe(true);
    }
    at += body.length;
    const gap = /^\s*/.exec(source.slice(at, at + 10_000))?.[0] ?? '';
    if (index < pieces.length - 1) {
      // A piece ends either at whitespace or inside an unbroken run, never splitting a pair or an escape.
      const splitsPair = /^[\ud800-\udbff][\udc00-\udfff]$/.test(source.slice(at - 1, at + 1));
      expect(splitsPair, `piece ${index} ends inside a surrogate pair`).toBe(false);
      if (gap === '')
        expect(/(^|[^\\])(\\\\)*\\$/.test(body), `piece ${index} ends inside an escape`).toBe(false);
    }
    at += gap.length;
  }
  expect(at).toBe(source.length);
}

const limits = fc.constantFrom(20, 21, 50, 137, CONTENT_MAX - 15, CONTENT_MAX);

describe('splitText on hostile text', () => {
  it('returns the reported freezes promptly (run in a worker, so a hang fails instead of freezing)', async () => {
    const dialogue = (text: string) => `> **TEODOR**\n> ${text}`;
    await returnsWithin(
      new URL('../../../../src/adapters/discord/render/split-text.ts', import.meta.url),
      'splitText',
      [
        [dialogue('x'.repeat(2100)), 2000],
        [dialogue(escapeText('~'.repeat(1000))), 2000],
        [dialogue(escapeText('|'.repeat(1000))), 2000],
        [dialogue(escapeText('`'.repeat(1000))), 2000],
        [dialogue(escapeText('\\'.repeat(1000))), 2000],
        [dialogue(escapeText('*_'.repeat(500))), 2000],
        // A narrator line in a language written without spaces, rendered as dialogue: the quote prefix is what
        // made the cut land inside "> " and repeat.
        [dialogue('林'.repeat(2100)), 2000],
        ['林'.repeat(5000), 2000],
        [`> ${'x'.repeat(30)}`, 20],
      ],
      10_000,
    );
  });

  it('splits the reported freeze into dialogue pieces that keep their quote', () => {
    const pieces = splitText(`> **TEODOR**\n> ${'x'.repeat(2100)}`, 2000);

    expect(pieces).toEqual(['> **TEODOR**', `> ${'x'.repeat(1998)}`, `> ${'x'.repeat(102)}`]);
  });

  it(`keeps every character in order within the limit, in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), limits, (text, limit) => {
        const pieces = withinBound(() => splitText(text, limit), 'splitText');
        expectPiecesOf(text, pieces, limit);
      }),
      { numRuns: RUNS },
    );
  });

  it(`does the same for lengths around the limit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        textAroundLimits(20, 100, CONTENT_MAX),
        fc.constantFrom(20, 100, CONTENT_MAX),
        (text, limit) => {
          const pieces = withinBound(() => splitText(text, limit), 'splitText');
          expectPiecesOf(text, pieces, limit);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`does the same for rendered dialogue of escaped hostile text (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileBeat(), { minLength: 1, maxLength: 3 }), limits, (beats, limit) => {
        const rendered = renderBeats(beats);
        const pieces = withinBound(() => splitText(rendered, limit), 'splitText');
        expectPiecesOf(rendered, pieces, limit);
      }),
      { numRuns: RUNS },
    );
  });

  it('splits a million characters without a break in linear time', () => {
    const pieces = withinBound(() => splitText('x'.repeat(1_000_000), CONTENT_MAX), 'splitText');

    expect(pieces).toHaveLength(500);
  });

  it('splits a 5,000-character Chinese beat without spaces into pieces of at most 2,000, losing nothing', () => {
    const sentence = '雨敲着餐馆的玻璃，老周推门进来，抖了抖伞上的水。阿梅头也不抬：“今晚不营业。”';
    const text = sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000);
    expect(text).not.toMatch(/\s/);
    const pieces = withinBound(() => splitText(text, CONTENT_MAX), 'splitText');
    expect(pieces.length).toBe(3);
    expectPiecesOf(text, pieces, CONTENT_MAX);
    expect(pieces.join('')).toBe(text);

    // As Discord shows it: a quoted dialogue beat, every piece keeping its quote.
    const rendered = renderBeats([
      {
        id: 'b1',
        parentId: null,
        kind: 'dialogue',
        character: '阿梅',
        text,
        author: { kind: 'user', id: 'u1', name: '小林' },
        at: '2026-01-01T00:00:00.000Z',
      },
    ]);
    const quoted = splitText(rendered, CONTENT_MAX);
    expectPiecesOf(rendered, quoted, CONTENT_MAX);
    expect(quoted.join('').replace(/[\s>*]|\\/g, '')).toContain(text);
  });

  it('cuts an unbroken run between grapheme clusters when one fits', () => {
    const family = '👩‍👩‍👧'; // 8 UTF-16 units, one cluster
    const pieces = splitText(family.repeat(10), 20);

    expect(pieces).toEqual([
      family.repeat(2),
      family.repeat(2),
      family.repeat(2),
      family.repeat(2),
      family.repeat(2),
    ]);
  });
});
