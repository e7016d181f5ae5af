import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_TOTAL_MAX,
} from '../../../../src/adapters/discord/render/message-draft.ts';
import { renderPreview, renderReply } from '../../../../src/adapters/discord/render/render-reply.ts';
import type { ShownBlock } from '../../../../src/commands/command.ts';
import {
  hostileBeat,
  hostileLine,
  hostileText,
  hostileVote,
  noSurrogateSplit,
  stringsIn,
  withinBound,
} from '../../../helpers/hostile-text.ts';

const RUNS = 400;

const block: fc.Arbitrary<ShownBlock> = fc.oneof(
  hostileText().map((text) => ({ type: 'text' as const, text })),
  fc.array(hostileBeat(), { maxLength: 4 }).map((beats) => ({ type: 'beats' as const, beats })),
  fc.record({
    type: fc.constant('fields' as const),
    title: fc.option(hostileLine({ maxLength: 300 }), { nil: undefined }),
    fields: fc.array(
      fc.record({ name: hostileLine({ maxLength: 300 }), value: hostileText({ maxLength: 1500 }) }),
      { maxLength: 30 },
    ),
  }),
  hostileVote().map((vote) => ({
    type: 'vote' as const,
    vote,
    room: { platform: 'discord' as const, workspaceId: '1', channelId: '2' },
  })),
);

const embedSize = (embed: {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}) =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

describe('the Discord reply renderer on hostile replies', () => {
  it(`keeps every message within Discord's limits, in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 4 }),
        fc.constantFrom('public', 'private'),
        (blocks, visibility) => {
          const drafts = withinBound(
            () => renderReply({ visibility: visibility as 'public', blocks }),
            'renderReply',
          );
          expect(drafts.length).toBeGreaterThan(0);
          const inputs = stringsIn(blocks);
          for (const draft of drafts) {
            expect(draft.content.length).toBeLessThanOrEqual(CONTENT_MAX);
            expect(draft.embeds.length).toBeLessThanOrEqual(10);
            expect(draft.components.length).toBeLessThanOrEqual(5);
            expect(draft.embeds.reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(
              EMBED_TOTAL_MAX,
            );
            for (const embed of draft.embeds) {
              expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
              expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
              expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
              for (const field of embed.fields ?? []) {
                expect(field.name.length).toBeLessThanOrEqual(256);
                expect(field.value.length).toBeLessThanOrEqual(1024);
                expect(noSurrogateSplit(field.name + field.value, ...inputs)).toBe(true);
              }
              expect(noSurrogateSplit(embed.title ?? '', ...inputs)).toBe(true);
            }
            expect(noSurrogateSplit(draft.content, ...inputs)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`shows a preview of any text within the limit, marked as unfinished (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 6000 }), (text) => {
        const drafts = withinBound(() => renderPreview(text), 'renderPreview');
        for (const draft of drafts) expect(draft.content.length).toBeLessThanOrEqual(CONTENT_MAX);
        expect(drafts.at(-1)?.content.endsWith('writing…')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
