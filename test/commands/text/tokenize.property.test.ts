import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/commands/text/tokenize.ts';
import { hostileLine, withinBound } from '../../helpers/hostile-text.ts';
import { shownText } from '../run-as.ts';

const RUNS = 1000;
const quote = (word: string) => `"${word.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

describe('the tokenizer on hostile lines', () => {
  it(`gives back every word written in double quotes, spaces and escapes included (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileLine({ maxLength: 200 }), { maxLength: 8 }), (words) => {
        const result = withinBound(() => tokenize(words.map(quote).join(' ')), 'tokenize');
        expect(result).toEqual({
          ok: true,
          tokens: words.map((text) => ({ text, key: undefined, quoted: true })),
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`either splits any line into words without whitespace outside quotes, or says which quote is open (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileLine({ maxLength: 4000 }), (line) => {
        const result = withinBound(() => tokenize(line), 'tokenize');
        if (!result.ok) {
          expect(shownText(result.message)).toMatch(/is never closed/);
          expect(shownText(result.message).length).toBeLessThan(400);
          return;
        }
        for (const token of result.tokens) if (!token.quoted) expect(token.text).not.toMatch(/\s/u);
      }),
      { numRuns: RUNS },
    );
  });
});
