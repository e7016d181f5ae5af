import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/commands/index.ts';
import { closest, editDistance } from '../../../src/commands/text/closest.ts';
import { hostileLine, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 1000;

describe('"did you mean" on hostile words', () => {
  it(`measures edit distance as a distance (${RUNS} runs)`, () => {
    const word = fc.string({ unit: 'grapheme', maxLength: 30 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: RUNS },
    );
  });

  it(`suggests only a candidate, whatever was typed, in bounded time (${RUNS} runs)`, () => {
    const names = commands.map((command) => command.name);
    fc.assert(
      fc.property(hostileLine({ maxLength: 10_000 }), (typed) => {
        const guess = withinBound(() => closest(typed, names), 'closest');
        if (guess !== undefined) expect(names).toContain(guess);
      }),
      { numRuns: RUNS },
    );
  });
});
