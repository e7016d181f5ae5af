import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, voteOutcome } from '../../src/commands/format.ts';
import { parseDuration } from '../../src/commands/option-schemas.ts';
import { hostileLine, hostileVote, withinBound } from '../helpers/hostile-text.ts';
import { shownText } from './run-as.ts';

const RUNS = 1000;

describe('durations and outcomes', () => {
  it(`write any duration so that it reads back to the same whole seconds (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 * 3600_000 }), (ms) => {
        const text = shownText(formatDuration(ms));
        expect(text).toMatch(/^(\d+h)?(\d+m)?(\d+s)?$/);
        expect(parseDuration(text)).toBe(Math.round(ms / 1000) * 1000);
      }),
      { numRuns: RUNS },
    );
  });

  it(`read any typed duration as milliseconds or nothing, in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileLine({ maxLength: 40 }), fc.stringMatching(/^\d{0,30}[hms]?\s*\d{0,5}[hms]?$/)),
        (text) => {
          const ms = withinBound(() => parseDuration(text), 'parseDuration');
          if (ms !== undefined) expect(Number.isNaN(ms)).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`tell how any vote ended, naming the winning option as written (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileVote(), (vote) => {
        const outcome = withinBound(() => shownText(voteOutcome(vote)), 'voteOutcome');
        const winner = vote.result?.winner;
        if (
          vote.status === 'closed' &&
          vote.result?.reason !== 'quorum' &&
          winner !== null &&
          winner !== undefined
        ) {
          expect(outcome).toContain(vote.options[winner]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
