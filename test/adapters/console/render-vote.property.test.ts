import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderVote } from '../../../src/adapters/console/render-vote.ts';
import { displayWidth } from '../../../src/adapters/console/wrap.ts';
import { voteOutcome } from '../../../src/commands/format.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import type { Vote } from '../../../src/story/types.ts';
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

/** Vote options as people and the narrator write them: Chinese, Latin with accents, emoji; no digits. */
const option = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)) },
      fc.constantFrom('a', 'Z', ' ', 'é', 'e\u0301', '😀', '👩‍👩‍👧', '，', '！', 'ｱ'),
    ),
    { minLength: 1, maxLength: 18 },
  )
  .map((parts) => parts.join('').trim())
  .filter((text) => text.length > 0 && displayWidth(text) <= 40);

const openVote = (options: string[], picks: number[]): Vote => ({
  id: 'v1',
  options,
  openedBy: { kind: 'user', id: 'u1', name: 'alice' },
  openedAt: '2026-01-01T00:00:00.000Z',
  deadline: '2026-01-01T00:05:00.000Z',
  quorum: undefined,
  ballots: Object.fromEntries(picks.map((pick, i) => [`user${i}`, pick % options.length])),
  status: 'open',
  result: undefined,
});

describe('the terminal vote table in Chinese', () => {
  it(`lines up the counts in one column, in display columns (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(option, { minLength: 2, maxLength: 5 }),
        fc.array(fc.nat(4), { maxLength: 12 }),
        (options, picks) => {
          const lines = renderVote(openVote(options, picks), Date.parse('2026-01-01T00:00:00.000Z'));
          const rows = lines.slice(1, 1 + options.length);
          const countColumns = rows.map((row, i) => {
            expect(row).toContain(options[i]);
            const count = / {2}\d+ votes?$/.exec(row);
            expect(count).not.toBeNull();
            return displayWidth(row.slice(0, count?.index));
          });
          expect(new Set(countColumns).size).toBe(1);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('pads Chinese options by their width on screen', () => {
    const lines = renderVote(openVote(['有人说出了真相', 'A stranger', '灯灭了'], [0, 0, 2]), 0);
    expect(lines.slice(1, 4)).toEqual([
      '  A. 有人说出了真相  2 votes',
      '  B. A stranger      0 votes',
      '  C. 灯灭了          1 vote',
    ]);
  });
});
