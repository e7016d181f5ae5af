import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVoteButtonId as parseDiscord } from '../../../../src/adapters/discord/render/vote-button-id.ts';
import {
  isVoteButtonId,
  parseVoteButtonId,
  voteButtonId,
} from '../../../../src/adapters/slack/render/index.ts';
import { hostileText, withinBound } from '../../../helpers/hostile-text.ts';

const RUNS = 1000;
const slackId = (first: string) => fc.stringMatching(new RegExp(`^${first}[A-Z0-9]{8,11}$`));
const threadTs = fc
  .tuple(fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([seconds, micros]) => `${seconds}.${String(micros).padStart(6, '0')}`);
const button = fc.record({
  room: fc.record({
    platform: fc.constant('slack' as const),
    workspaceId: fc.oneof(slackId('T'), slackId('E')),
    channelId: fc
      .tuple(fc.oneof(slackId('C'), slackId('G')), fc.option(threadTs, { nil: undefined }))
      .map(([channel, ts]) => (ts ? `${channel}:${ts}` : channel)),
  }),
  voteId: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  option: fc.integer({ min: 0, max: 24 }),
});

describe('Slack vote button ids', () => {
  it(`round-trip every channel and thread room within action_id's 255 characters (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(button, (value) => {
        const id = voteButtonId(value);
        expect(id.length).toBeLessThanOrEqual(255);
        expect(isVoteButtonId(id)).toBe(true);
        expect(parseVoteButtonId(id)).toEqual(value);
        // Each platform reads only its own rooms' buttons.
        expect(parseDiscord(id)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it(`parse any id without throwing, and only ids they would write (${RUNS} runs)`, () => {
    const lookalike = fc
      .tuple(
        fc.constantFrom('storyroom:vote:', 'storyroom:vote:T1:C1:', 'storyroom:vote', ''),
        hostileText({ maxLength: 300 }),
      )
      .map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(
        fc.oneof(
          lookalike,
          button.map(voteButtonId).map((id) => `${id}0`),
        ),
        (id) => {
          const parsed = withinBound(() => parseVoteButtonId(id), 'parseVoteButtonId');
          if (parsed) expect(voteButtonId(parsed)).toBe(id);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses to write an id for another platform or a 26th option', () => {
    const room = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
    expect(() => voteButtonId({ room: { ...room, platform: 'discord' }, voteId: 'v1', option: 0 })).toThrow();
    expect(() => voteButtonId({ room, voteId: 'v1', option: 25 })).toThrow();
    expect(voteButtonId({ room, voteId: 'v1', option: 24 })).toBe('storyroom:vote:T1:C1:v1:25');
  });
});
