// One Slack message as storyroom posts it, and how rendered pieces are packed into messages within Slack's
// limits: text continues from section to section at paragraph breaks, and from message to message past 50
// blocks or the text budget (limits.ts). Nothing is dropped and the order is kept.
import type { types } from '@slack/bolt';
import type { RoomRef } from '../../../story/types.ts';
import { splitText } from '../../shared/split-text.ts';
import { fitText } from './fit-text.ts';
import {
  BLOCKS_PER_MESSAGE,
  CONTEXT_TEXT_MAX,
  FALLBACK_TEXT_MAX,
  MESSAGE_TEXT_BUDGET,
  SECTION_TEXT_MAX,
} from './limits.ts';

export type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  /** The notification fallback: escaped mrkdwn, never empty, at most FALLBACK_TEXT_MAX characters. */
  text: string;
  blocks: KnownBlock[];
  /** The vote whose buttons this message carries, so its counts and state can be updated later. */
  vote?: { room: RoomRef; voteId: string; open: boolean } | undefined;
}

/** What renders into blocks: escaped mrkdwn text that may be split, or a block that is kept whole. */
export type Piece =
  | { type: 'text'; text: string; quotes?: boolean }
  | { type: 'block'; block: KnownBlock; text: string };

/** Room kept for a section's text: Slack's 3,000, and never more than one message may hold. */
const SECTION_BUDGET = Math.min(SECTION_TEXT_MAX, MESSAGE_TEXT_BUDGET);

export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
export const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
/** A line in small print (who wrote a beat, a vote's deadline), kept within CONTEXT_TEXT_MAX. */
export function contextPiece(text: string): Piece {
  const fitted = fitText(text, CONTEXT_TEXT_MAX);
  return { type: 'block', block: { type: 'context', elements: [mrkdwn(fitted)] }, text: fitted };
}

/** The pieces as messages; `empty` (already escaped) stands in when there is nothing to show. */
export function packMessages(pieces: readonly Piece[], empty: string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let blocks: KnownBlock[] = [];
  let texts: string[] = [];
  let size = 0;
  const flush = () => {
    if (blocks.length > 0) messages.push({ text: fallbackText(texts, empty), blocks });
    blocks = [];
    texts = [];
    size = 0;
  };
  const add = (block: KnownBlock, text: string) => {
    if (blocks.length === BLOCKS_PER_MESSAGE || size + text.length > MESSAGE_TEXT_BUDGET) flush();
    blocks.push(block);
    texts.push(text);
    size += text.length;
  };
  for (const piece of pieces) {
    if (piece.type === 'block') add(piece.block, piece.text);
    else {
      const options = { quotes: piece.quotes === true, entities: true };
      for (const chunk of splitText(piece.text, SECTION_BUDGET, options)) add(section(chunk), chunk);
    }
  }
  flush();
  const fallback = fitText(empty, FALLBACK_TEXT_MAX);
  return messages.length > 0 ? messages : [{ text: fallback, blocks: [section(fallback)] }];
}

/** The start of the message's text, cut where a split would cut (never inside an entity or a character). */
function fallbackText(texts: readonly string[], empty: string): string {
  const first = texts.find((text) => text.trim().length > 0);
  if (first === undefined) return fitText(empty, FALLBACK_TEXT_MAX);
  return splitText(first.slice(0, FALLBACK_TEXT_MAX * 2), FALLBACK_TEXT_MAX, { entities: true })[0] ?? empty;
}
