// character_voices in a Slack room: each new line of dialogue is posted as its own message under the
// character's name and an icon (chat.postMessage's username and icon_emoji, which need the
// chat:write.customize scope). The reply before the first line ends with a pointer to the lines; the
// lines and the rest of the reply follow in order. The runtime posts them; without the scope it posts
// renderReply's messages instead.

import type { ShownReply } from '../../../commands/command.ts';
import { sharedTranslator } from '../../../i18n/catalog.ts';
import { msg } from '../../../i18n/message.ts';
import type { Beat } from '../../../story/types.ts';
import { splitVoices } from '../../shared/split-voices.ts';
import { speakerName, voicedNames } from '../../shared/voiced-names.ts';
import { escapeLiteral } from './escape-mrkdwn.ts';
import { type RenderedReply, renderReply, type SlackFile } from './render-reply.ts';
import { spokenLinePiece } from './render-screenplay.ts';
import { contextPiece, packMessages, type SlackMessage } from './slack-message.ts';

/** Slack shows at most this much of a custom username. */
export const USERNAME_MAX = 80;

/** Icons a character may speak under; the same name always gets the same one. */
const ICONS = [
  ':performing_arts:',
  ':bust_in_silhouette:',
  ':speech_balloon:',
  ':crystal_ball:',
  ':mask:',
  ':scroll:',
  ':clapper:',
  ':candle:',
];

export type VoicedMessage =
  | { type: 'reply'; message: SlackMessage }
  | { type: 'voice'; beat: Beat; username: string; iconEmoji: string; message: SlackMessage };

export interface VoicedReply {
  /** Everything to post, in order: the reply's own messages and each character's lines. */
  messages: VoicedMessage[];
  files: SlackFile[];
}

/**
 * The reply with each line for which `speaks` holds (a dialogue beat with a character) as its character's own
 * message; `locale` as for renderReply. A reply with no such line comes back as renderReply's messages.
 */
export function renderVoicedReply(
  reply: ShownReply,
  speaks: (beat: Beat) => boolean,
  options: { locale: string },
): VoicedReply {
  const parts = splitVoices(reply, speaks);
  const voiced = parts.flatMap((part) => (part.type === 'voice' ? [part.beat] : []));
  const messages: VoicedMessage[] = [];
  const files: SlackFile[] = [];
  const addReply = (rendered: RenderedReply) => {
    messages.push(...rendered.messages.map((message) => ({ type: 'reply' as const, message })));
    files.push(...rendered.files);
  };
  if (voiced.length === 0) {
    addReply(renderReply(reply, options));
    return { messages, files };
  }
  const [first] = parts;
  const lead =
    first?.type === 'blocks' ? renderReply({ ...reply, blocks: first.blocks }, options) : undefined;
  if (lead) files.push(...lead.files);
  for (const message of withPointer(lead?.messages ?? [], voicesPointer(voiced, options.locale))) {
    messages.push({ type: 'reply', message });
  }
  for (const part of lead ? parts.slice(1) : parts) {
    if (part.type === 'blocks') addReply(renderReply({ ...reply, blocks: part.blocks }, options));
    else {
      const username = speakerName(part.beat.character ?? '', USERNAME_MAX);
      const iconEmoji = iconFor(username);
      for (const message of packMessages([spokenLinePiece(part.beat)], escapeLiteral(username))) {
        messages.push({ type: 'voice', beat: part.beat, username, iconEmoji, message });
      }
    }
  }
  return { messages, files };
}

/** "🎭 NORA speaks below.": what the reply (public: the room's language) shows in place of the lines. */
export function voicesPointer(beats: readonly Beat[], locale: string): string {
  const names = voicedNames(beats).map((name) => `*${escapeLiteral(speakerName(name, USERNAME_MAX))}*`);
  return sharedTranslator().translate(
    locale,
    msg('slack-render.voices.pointer', { names, count: names.length }),
  );
}

/** The messages with the pointer as a last context block (or a message of its own, when the last is full). */
function withPointer(messages: readonly SlackMessage[], pointer: string): SlackMessage[] {
  const last = messages.at(-1);
  const pointed = packMessages([contextPiece(pointer)], pointer);
  if (!last || last.vote) return [...messages, ...pointed];
  const joined = packMessages(
    [
      ...last.blocks.map((block) => ({ type: 'block' as const, block, text: blockText(block) })),
      contextPiece(pointer),
    ],
    pointer,
  );
  return joined.length === 1
    ? [...messages.slice(0, -1), { ...last, blocks: joined[0]?.blocks ?? [] }]
    : [...messages, ...pointed];
}

/** The mrkdwn a section or context block of ours holds, for the text budget. */
function blockText(block: SlackMessage['blocks'][number]): string {
  if (block.type === 'section') return block.text?.text ?? '';
  if (block.type === 'context')
    return block.elements.map((element) => ('text' in element ? element.text : '')).join('');
  return '';
}

/** The same name always speaks under the same icon. */
function iconFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return ICONS[hash % ICONS.length] ?? ':performing_arts:';
}
