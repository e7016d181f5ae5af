// Reading Slack messages back in tests: Slack's escaping undone, every text a message shows, and every limit
// a message must keep (src/adapters/slack/render/limits.ts).
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  ACTIONS_ELEMENTS_MAX,
  BLOCKS_PER_MESSAGE,
  BUTTON_TEXT_MAX,
  BUTTON_VALUE_MAX,
  CONTEXT_TEXT_MAX,
  FALLBACK_TEXT_MAX,
  type KnownBlock,
  MESSAGE_TEXT_BUDGET,
  SECTION_TEXT_MAX,
  type SlackMessage,
} from '../../src/adapters/slack/render/index.ts';
import type { Beat, Vote } from '../../src/story/types.ts';
import { hostileText } from './hostile-text.ts';

const UNESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Slack's three entities back to their characters, in one pass (so "&amp;lt;" reads "&lt;"). */
export const unescapeMrkdwn = (text: string) =>
  text.replace(/&(?:amp|lt|gt);/g, (entity) => UNESCAPED[entity] ?? entity);

/** Slack's date token (`<!date^…|…>`), the one `<` storyroom writes on purpose. */
export const SLACK_DATE = /<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>/g;

/** The mrkdwn or plain text each block shows, in order. */
export function blockTexts(block: KnownBlock): string[] {
  switch (block.type) {
    case 'section':
      return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)];
    case 'context':
      return block.elements.map((element) =>
        'text' in element && typeof element.text === 'string' ? element.text : '',
      );
    case 'header':
      return [block.text.text];
    case 'actions':
      return block.elements.map((element) =>
        'text' in element && element.text && typeof element.text === 'object' ? element.text.text : '',
      );
    default:
      return [];
  }
}

/** The sections' mrkdwn of all messages, in order: where a reply's text is shown. */
export const sectionTexts = (messages: readonly SlackMessage[]) =>
  messages.flatMap((message) =>
    message.blocks.flatMap((block) => (block.type === 'section' ? [block.text?.text ?? ''] : [])),
  );

/** Every limit one message must keep, and no text that could mention anyone or link anywhere. */
export function expectWithinLimits(message: SlackMessage) {
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(BLOCKS_PER_MESSAGE);
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
  let total = 0;
  for (const block of message.blocks) {
    if (block.type === 'section') {
      const length = block.text?.text.length ?? 0;
      expect(length).toBeGreaterThan(0);
      expect(length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    }
    if (block.type === 'context') {
      for (const text of blockTexts(block)) expect(text.length).toBeLessThanOrEqual(CONTEXT_TEXT_MAX);
    }
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(ACTIONS_ELEMENTS_MAX);
      for (const element of block.elements) {
        if (element.type !== 'button') continue;
        expect(element.text.text.length).toBeLessThanOrEqual(BUTTON_TEXT_MAX);
        expect(element.value?.length ?? 0).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
        expect(element.action_id?.length ?? 0).toBeLessThanOrEqual(255);
      }
    } else total += blockTexts(block).reduce((sum, text) => sum + text.length, 0);
    for (const text of [...blockTexts(block), message.text]) expectNoMarkup(text);
  }
  expect(total).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
}

/** No `<` but in Slack's date token, and no `&` that is not a whole entity (none cut in two). */
export function expectNoMarkup(text: string) {
  const rest = text.replace(SLACK_DATE, '');
  expect(rest, 'a "<" that could start a mention or a link').not.toMatch(/</);
  expect(rest.replace(/&(?:amp|lt|gt);/g, ''), 'an "&" that is not a whole entity').not.toMatch(/&/);
}

/** Text without white space: what splitting keeps exactly (it drops the white space at each cut). */
export const ink = (text: string) => text.replace(/\s+/g, '');

const alice = { kind: 'user' as const, id: 'U1', name: 'alice' };

/** A beat written by alice, with what a test names. */
export const aBeat = (fields: Partial<Beat> & Pick<Beat, 'id' | 'kind' | 'text'>): Beat => ({
  parentId: null,
  author: alice,
  at: '2026-01-01T00:00:00.000Z',
  ...fields,
});

/** An open vote alice opened on 1 January 2026, closing five minutes later. */
export const anOpenVote = (fields: Partial<Vote> = {}): Vote => ({
  id: 'v1',
  options: ['a', 'b'],
  openedBy: alice,
  openedAt: '2026-01-01T00:00:00.000Z',
  deadline: '2026-01-01T00:05:00.000Z',
  ballots: {},
  status: 'open',
  ...fields,
});

/** Every way text could mention someone or link somewhere in mrkdwn, among hostile text and entities. */
const MENTIONS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123ABC>',
  '<@U123ABC|bob>',
  '<!subteam^S01|@team>',
  '<https://x.io|click>',
  '<#C1|general>',
  '<!date^1^{date}|x>',
  '&lt;!here&gt;',
  '&amp;',
  '*bold*',
  '_it_',
  '~gone~',
  '`code`',
  '```',
  '> ',
];
export const mentionSoup = (maxParts = 20) =>
  fc
    .array(fc.oneof(fc.constantFrom(...MENTIONS), hostileText({ maxLength: 40 })), { maxLength: maxParts })
    .map((parts) => parts.join(''));
