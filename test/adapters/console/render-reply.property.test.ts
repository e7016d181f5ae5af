import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/console/render-reply.ts';
import type { ShownBlock } from '../../../src/commands/command.ts';
import {
  hostileBeat,
  hostileLine,
  hostileText,
  hostileVote,
  withinBound,
} from '../../helpers/hostile-text.ts';

const RUNS = 600;

const block: fc.Arbitrary<ShownBlock> = fc.oneof(
  hostileText().map((text) => ({ type: 'text' as const, text })),
  fc.array(hostileBeat(), { maxLength: 4 }).map((beats) => ({ type: 'beats' as const, beats })),
  fc.record({
    type: fc.constant('fields' as const),
    title: fc.option(hostileLine({ maxLength: 100 }), { nil: undefined }),
    fields: fc.array(
      fc.record({ name: hostileLine({ maxLength: 100 }), value: hostileText({ maxLength: 500 }) }),
      {
        maxLength: 10,
      },
    ),
  }),
  hostileVote().map((vote) => ({
    type: 'vote' as const,
    vote,
    room: { platform: 'console' as const, workspaceId: 'local', channelId: 'x' },
  })),
);

describe('the terminal reply on hostile blocks', () => {
  it(`prints no control character but the line feed, in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 4 }),
        fc.constantFrom('public', 'private'),
        hostileLine({ maxLength: 40 }),
        (blocks, visibility, viewer) => {
          const shown = withinBound(
            () => renderReply({ visibility: visibility as 'public', blocks }, { viewer, now: 0 }),
            'renderReply',
          );
          expect(shown).not.toMatch(/(?!\n)\p{Cc}/u);
          for (const text of blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []))) {
            for (const word of text.split(/\s+/)) expect(shown).toContain(word.replace(/\p{Cc}/gu, ''));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
