import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../../../src/adapters/discord/render/escape-text.ts';
import { hostileText, unescapeMarkdown, withinBound } from '../../../helpers/hostile-text.ts';

const RUNS = 1000;
/** What would change how a line renders in Discord if it were left unescaped at the line's start. */
const BLOCK_MARKUP = /^[ \t]*(>|#{1,3} |-# |```)/m;

describe('escapeText on hostile text', () => {
  it(`keeps every character: undoing the escapes gives the text back, line ends normalized (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        const escaped = withinBound(() => escapeText(text), 'escapeText');
        expect(unescapeMarkdown(escaped)).toBe(text.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: RUNS },
    );
  });

  it(`leaves no quote, heading, subtext or code fence at a line's start (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        expect(escapeText(text)).not.toMatch(BLOCK_MARKUP);
      }),
      { numRuns: RUNS },
    );
  });

  it('escapes 10,000 specials in bounded time, at most doubling the length', () => {
    for (const special of ['~', '|', '`', '\\', '*_', '>', '#']) {
      const text = special.repeat(10_000);
      const escaped = withinBound(() => escapeText(text), `escapeText of ${special}`);
      expect(escaped.length).toBeLessThanOrEqual(2 * text.length);
      expect(unescapeMarkdown(escaped)).toBe(text);
    }
  });
});
