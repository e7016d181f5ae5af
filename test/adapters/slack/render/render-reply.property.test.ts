import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseVoteButtonId,
  renderFailure,
  renderPreview,
  renderReply,
  SECTION_TEXT_MAX,
} from '../../../../src/adapters/slack/render/index.ts';
import type { ShownBlock, ShownReply } from '../../../../src/commands/command.ts';
import type { RoomRef } from '../../../../src/story/types.ts';
import {
  hostileBeat,
  hostileLine,
  hostileText,
  hostileVote,
  noSurrogateSplit,
  stringsIn,
  textAroundLimits,
  withinBound,
} from '../../../helpers/hostile-text.ts';
import {
  expectWithinLimits,
  ink,
  mentionSoup,
  sectionTexts,
  unescapeMrkdwn,
} from '../../../helpers/slack-blocks.ts';

const RUNS = 200;
const room: RoomRef = { platform: 'slack', workspaceId: 'T0ABC', channelId: 'C0DEF:1700000000.000100' };

const block: fc.Arbitrary<ShownBlock> = fc.oneof(
  fc
    .oneof(hostileText({ maxLength: 12_000 }), mentionSoup(200))
    .map((text): ShownBlock => ({ type: 'text', text })),
  fc
    .array(hostileBeat({ maxLength: 4000 }), { maxLength: 8 })
    .map((beats): ShownBlock => ({ type: 'beats', beats })),
  fc
    .record({
      title: fc.option(hostileLine({ maxLength: 100 }), { nil: undefined }),
      fields: fc.array(
        fc.record({ name: hostileLine({ maxLength: 60 }), value: hostileText({ maxLength: 1000 }) }),
        {
          maxLength: 40,
        },
      ),
    })
    .map((fields): ShownBlock => ({ type: 'fields', ...fields })),
  hostileVote().map((vote): ShownBlock => ({ type: 'vote', vote, room })),
);
const reply = fc
  .array(block, { maxLength: 4 })
  .map((blocks): ShownReply => ({ visibility: 'public', blocks, language: 'en' }));

/** A reply's text as its sections show it, unescaped: quote markers of dialogue taken off each line. */
const shown = (texts: string[]) => unescapeMrkdwn(texts.join('\n').replace(/^> /gm, ''));

describe('Slack replies from hostile text', () => {
  it(`keep every message within every limit, with no mention or link possible (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(reply, fc.constantFrom('en', 'zh-CN'), (value, locale) => {
        const { messages, files } = withinBound(() => renderReply(value, { locale }), 'renderReply');
        expect(files).toEqual([]);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          expectWithinLimits(message);
          expect(noSurrogateSplit(JSON.stringify(message), ...stringsIn(value))).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`show a text block's every character, in order, across sections and messages (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText({ maxLength: 40_000 }), textAroundLimits(SECTION_TEXT_MAX, 3500)),
        (text) => {
          const { messages } = withinBound(
            () => renderReply({ visibility: 'public', blocks: [{ type: 'text', text }] }, { locale: 'en' }),
            'renderReply',
          );
          for (const message of messages) expectWithinLimits(message);
          if (text.trim()) expect(ink(unescapeMrkdwn(sectionTexts(messages).join('')))).toBe(ink(text));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`show an action's and a line's text in order (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileBeat({ maxLength: 12_000 }), (beat) => {
        const kind = beat.kind === 'dialogue' ? 'dialogue' : 'action';
        const { messages } = withinBound(
          () =>
            renderReply(
              { visibility: 'public', blocks: [{ type: 'beats', beats: [{ ...beat, kind }] }] },
              { locale: 'en' },
            ),
          'renderReply',
        );
        for (const message of messages) expectWithinLimits(message);
        expect(ink(shown(sectionTexts(messages)))).toContain(ink(beat.text));
      }),
      { numRuns: RUNS },
    );
  });

  it(`put working buttons on open votes only (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileVote(), (vote) => {
        const { messages } = renderReply(
          { visibility: 'public', blocks: [{ type: 'vote', vote, room }] },
          { locale: 'en' },
        );
        const buttons = messages.flatMap((message) =>
          message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])),
        );
        for (const message of messages) {
          expectWithinLimits(message);
          expect(message.vote).toEqual({ room, voteId: vote.id, open: vote.status === 'open' });
        }
        expect(buttons).toHaveLength(vote.status === 'open' ? vote.options.length : 0);
        buttons.forEach((button, option) => {
          expect(button.type === 'button' && parseVoteButtonId(button.value ?? '')).toEqual({
            room,
            voteId: vote.id,
            option,
          });
        });
        for (const option of vote.options)
          expect(shown(sectionTexts(messages))).toContain(
            option
              .replace(/\s+/g, ' ')
              .trim()
              .replace(
                /[*_~`]/g,
                (mark) => ({ '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' })[mark] ?? mark,
              ),
          );
      }),
      { numRuns: RUNS },
    );
  });

  it(`preview any text streamed so far within the limits, marked as unfinished (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 20_000 }), fc.constantFrom('en', 'zh-CN'), (text, locale) => {
        const messages = withinBound(() => renderPreview(text, locale), 'renderPreview');
        for (const message of messages) expectWithinLimits(message);
        const last = messages.at(-1)?.blocks.at(-1);
        expect(last?.type).toBe('context');
        if (text.trim()) expect(ink(unescapeMrkdwn(sectionTexts(messages).join('')))).toBe(ink(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('says a failed generation in one line', () => {
    for (const locale of ['en', 'zh-CN']) {
      const message = renderFailure(locale);
      expectWithinLimits(message);
      expect(message.blocks).toHaveLength(1);
      expect(message.text).not.toMatch(/\n/);
    }
  });
});
