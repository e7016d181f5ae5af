import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isVoteButtonId,
  parseVoteButtonId,
  voteButtonId,
} from '../../../../src/adapters/discord/render/vote-button-id.ts';
import { hostileText, withinBound } from '../../../helpers/hostile-text.ts';

const RUNS = 1000;
const snowflake = fc.stringMatching(/^\d{1,20}$/);
const button = fc.record({
  room: fc.record({
    platform: fc.constant('discord' as const),
    workspaceId: snowflake,
    channelId: snowflake,
  }),
  voteId: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  option: fc.integer({ min: 0, max: 4 }),
});

describe('vote button ids', () => {
  it(`round-trip every room and vote within 100 characters (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(button, (value) => {
        const id = voteButtonId(value);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(isVoteButtonId(id)).toBe(true);
        expect(parseVoteButtonId(id)).toEqual(value);
      }),
      { numRuns: RUNS },
    );
  });

  it(`parse any custom id without throwing, and only ids they would write (${RUNS} runs)`, () => {
    const lookalike = fc
      .tuple(
        fc.constantFrom('storyroom:vote:', 'storyroom:vote', 'StoryRoom:vote:', ''),
        hostileText({ maxLength: 120 }),
      )
      .map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(
        fc.oneof(
          lookalike,
          button.map(voteButtonId).map((id) => `${id}x`),
        ),
        (id) => {
          const parsed = withinBound(() => parseVoteButtonId(id), 'parseVoteButtonId');
          if (parsed) expect(voteButtonId(parsed)).toBe(id);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
