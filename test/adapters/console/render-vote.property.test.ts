import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderVote } from '../../../src/adapters/console/render-vote.ts';
import { voteOutcome } from '../../../src/commands/format.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import { hostileVote, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 600;

describe('the terminal vote on hostile options', () => {
  it(`lists every option with its count, and its outcome, in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileVote(), fc.integer({ min: 0, max: 4e12 }), (vote, now) => {
        const lines = withinBound(() => renderVote(vote, now), 'renderVote');
        for (const option of vote.options) expect(lines.join('\n')).toContain(option);
        expect(lines[0]).toMatch(/^VOTE · /);
        const outcome = withinBound(
          () => sharedTranslator().translate('en', voteOutcome(vote)),
          'voteOutcome',
        );
        expect(outcome.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
