import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateMessagesTokens, estimateTokens } from '../../../src/llm/prompt/token-estimate.ts';
import { hostileText, longRun, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 1000;

describe('token estimates on hostile text', () => {
  it(`are at least a token per four characters and add up across pieces (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), (a, b) => {
        const tokens = withinBound(() => estimateTokens(a), 'estimateTokens');
        expect(Number.isInteger(tokens)).toBe(true);
        expect(tokens).toBeGreaterThanOrEqual(Math.ceil(a.length / 4));
        expect(estimateTokens(a + b)).toBeLessThanOrEqual(tokens + estimateTokens(b) + 1);
        expect(estimateMessagesTokens([{ content: a }, { content: b }])).toBeGreaterThan(
          estimateTokens(a) + estimateTokens(b),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it(`count a million characters in bounded time (${RUNS} runs of long runs, then one huge text)`, () => {
    fc.assert(
      fc.property(longRun(), (run) => {
        expect(withinBound(() => estimateTokens(run), 'estimateTokens')).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
    expect(withinBound(() => estimateTokens('中😀a'.repeat(300_000)), 'estimateTokens')).toBeGreaterThan(0);
  });
});
