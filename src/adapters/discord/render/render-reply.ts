// A command's reply as Discord messages: text and beats as content split into 2,000-character messages at
// paragraph or line breaks, fields and votes as embeds (votes with their buttons) on the last of them.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ShownBlock, ShownReply } from '../../../commands/command.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../../i18n/catalog.ts';
import { msg } from '../../../i18n/message.ts';
import { escapeText } from './escape-text.ts';
import {
  CONTENT_MAX,
  type DraftFile,
  EMBED_TOTAL_MAX,
  FILES_PER_MESSAGE,
  type MessageDraft,
} from './message-draft.ts';
import { renderBeats } from './render-screenplay.ts';
import { renderVote } from './render-vote.ts';
import { splitText } from './split-text.ts';
import { truncate } from './truncate.ts';

const FIELDS_PER_EMBED = 25;
const TITLE_MAX = 256;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
/** Room for the title and some slack under Discord's 6,000 characters per message. */
const EMBED_BUDGET = EMBED_TOTAL_MAX - TITLE_MAX - 100;

export function renderReply(reply: ShownReply): MessageDraft[] {
  const pieces: string[] = [];
  const attachments: Omit<MessageDraft, 'content'>[] = [];
  const files: DraftFile[] = [];
  for (const block of reply.blocks) {
    if (block.type === 'file') files.push({ name: block.name, bytes: block.bytes });
    else renderBlock(block, pieces, attachments, reply.language ?? SOURCE_LOCALE);
  }
  const drafts: MessageDraft[] = splitText(pieces.join('\n\n'), CONTENT_MAX).map((content) => ({
    content,
    embeds: [],
    components: [],
  }));
  for (const attachment of attachments) {
    const last = drafts.at(-1);
    if (last && last.embeds.length === 0 && last.components.length === 0) Object.assign(last, attachment);
    else drafts.push({ content: '', ...attachment });
  }
  attachFiles(drafts, files);
  if (drafts.length > 0) return drafts;
  const empty = sharedTranslator().translate(reply.language ?? SOURCE_LOCALE, msg('discord.reply.empty'));
  return [{ content: empty, embeds: [], components: [] }];
}

/** Files go on the last message (up to Discord's 10 a message), any more on messages of their own. */
function attachFiles(drafts: MessageDraft[], files: DraftFile[]) {
  for (let start = 0; start < files.length; start += FILES_PER_MESSAGE) {
    const batch = files.slice(start, start + FILES_PER_MESSAGE);
    const last = drafts.at(-1);
    if (start === 0 && last) last.files = batch;
    else drafts.push({ content: '', embeds: [], components: [], files: batch });
  }
}

/**
 * What a message shows while the narrator is still writing: the text so far, marked as unfinished (in
 * `locale`, the room's language: the preview is public).
 */
export function renderPreview(text: string, locale: string = SOURCE_LOCALE): MessageDraft[] {
  const writing = sharedTranslator().translate(locale, msg('discord.reply.writing'));
  const chunks = splitText(escapeText(text), CONTENT_MAX - writing.length - 1);
  const last = chunks.pop() ?? '';
  return [...chunks, `${last}\n${writing}`.trim()].map((content) => ({
    content,
    embeds: [],
    components: [],
  }));
}

function renderBlock(
  block: ShownBlock,
  pieces: string[],
  attachments: Omit<MessageDraft, 'content'>[],
  locale: string,
) {
  switch (block.type) {
    case 'text':
      pieces.push(escapeText(block.text));
      return;
    case 'beats':
      pieces.push(renderBeats(block.beats, block.scenes));
      return;
    case 'fields':
      for (const embed of fieldEmbeds(block.title, block.fields))
        attachments.push({ embeds: [embed], components: [] });
      return;
    case 'file':
      // Collected by renderReply and attached to the messages.
      return;
    case 'vote': {
      const { room } = block;
      const { embed, components } = renderVote(block.vote, room, locale);
      attachments.push({
        embeds: [embed],
        components,
        vote: { room, voteId: block.vote.id, open: block.vote.status === 'open' },
      });
      return;
    }
  }
}

function fieldEmbeds(title: string | undefined, fields: { name: string; value: string }[]): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let current: APIEmbedField[] = [];
  let size = 0;
  const flush = () => {
    const embed: APIEmbed = { fields: current };
    if (title && embeds.length === 0) embed.title = truncate(escapeText(title), TITLE_MAX);
    embeds.push(embed);
    current = [];
    size = 0;
  };
  for (const field of fields) {
    const name = truncate(escapeText(field.name), FIELD_NAME_MAX) || '\u200b';
    const value = truncate(escapeText(field.value), FIELD_VALUE_MAX) || '\u200b';
    if (current.length === FIELDS_PER_EMBED || size + name.length + value.length > EMBED_BUDGET) flush();
    current.push({ name, value });
    size += name.length + value.length;
  }
  if (current.length > 0 || embeds.length === 0) flush();
  return embeds;
}
