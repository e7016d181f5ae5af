// A command's reply as Slack messages: text, beats (a screenplay), fields and votes as Block Kit, split
// within Slack's limits (slack-message.ts), and its files apart (the runtime uploads them with
// files.uploadV2). Also what a message shows while the narrator writes, and when it failed.
import type { ShownBlock, ShownReply } from '../../../commands/command.ts';
import { sharedTranslator } from '../../../i18n/catalog.ts';
import { msg } from '../../../i18n/message.ts';
import { escapeLiteral, escapeMrkdwn, oneLine } from './escape-mrkdwn.ts';
import { beatPieces } from './render-screenplay.ts';
import { renderVote } from './render-vote.ts';
import { contextPiece, type Piece, packMessages, type SlackMessage, section } from './slack-message.ts';

export interface SlackFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface RenderedReply {
  messages: SlackMessage[];
  /** Files to upload after the messages, in order. */
  files: SlackFile[];
}

/** `locale` is the catalog language the reply was shown in (localizeReply's): the room's for a public reply. */
export function renderReply(reply: ShownReply, options: { locale: string }): RenderedReply {
  const { locale } = options;
  const files: SlackFile[] = [];
  const messages: SlackMessage[] = [];
  let pieces: Piece[] = [];
  const flush = () => {
    if (pieces.length > 0) messages.push(...packMessages(pieces, emptyText(locale)));
    pieces = [];
  };
  for (const block of reply.blocks) {
    if (block.type === 'file') files.push({ name: block.name, mime: block.mime, bytes: block.bytes });
    else if (block.type === 'vote') {
      // A vote has a message of its own, so its buttons and counts can be updated without touching the rest.
      flush();
      messages.push(...renderVote(block.vote, block.room, locale));
    } else pieces.push(...blockPieces(block, locale));
  }
  flush();
  if (messages.length === 0 && files.length === 0) messages.push(...packMessages([], emptyText(locale)));
  return { messages, files };
}

function blockPieces(block: Exclude<ShownBlock, { type: 'file' | 'vote' }>, locale: string): Piece[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: escapeMrkdwn(block.text) }];
    case 'beats':
      return beatPieces(block.beats, block.scenes ?? {}, locale);
    case 'fields': {
      // Fields as paragraphs, a bold name over its value: splitting keeps each whole where it can.
      const fields = block.fields.map(
        (field) => `*${escapeLiteral(oneLine(field.name))}*\n${escapeMrkdwn(field.value.trim())}`,
      );
      const title = block.title ? [`*${escapeLiteral(oneLine(block.title))}*`] : [];
      return [{ type: 'text', text: [...title, ...fields].join('\n\n') }];
    }
  }
}

const emptyText = (locale: string) =>
  escapeMrkdwn(sharedTranslator().translate(locale, msg('slack-render.reply.empty')));

/**
 * What a message shows while the narrator is still writing: the text so far, marked as unfinished (in
 * `locale`, the room's language: the preview is public). Several messages once the text outgrows one.
 */
export function renderPreview(text: string, locale: string): SlackMessage[] {
  const writing = escapeMrkdwn(sharedTranslator().translate(locale, msg('slack-render.reply.writing')));
  return packMessages([{ type: 'text', text: escapeMrkdwn(text) }, contextPiece(writing)], writing);
}

/** The one line a streamed message is left with when its generation failed (the story is unchanged). */
export function renderFailure(locale: string): SlackMessage {
  const line = escapeMrkdwn(sharedTranslator().translate(locale, msg('slack-render.reply.failed')));
  return { text: line, blocks: [section(line)] };
}
