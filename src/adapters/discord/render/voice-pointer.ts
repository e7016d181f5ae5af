// What a reply shows in place of the lines its characters speak themselves, and the name each character
// speaks under (a channel webhook's username).
import { SOURCE_LOCALE, sharedTranslator } from '../../../i18n/catalog.ts';
import { msg } from '../../../i18n/message.ts';
import type { Beat } from '../../../story/types.ts';
import { speakerName, voicedNames } from '../../shared/voiced-names.ts';
import { escapeText } from './escape-text.ts';
import { CONTENT_MAX, type MessageDraft } from './message-draft.ts';

/** "-# 🎭 NORA speaks below.": what the reply (public: the room's language) shows in place of the lines. */
export function voicesPointer(beats: readonly Beat[], locale: string = SOURCE_LOCALE): string {
  const names = voicedNames(beats).map((name) => `**${escapeText(name)}**`);
  return sharedTranslator().translate(locale, msg('discord.voices.pointer', { names, count: names.length }));
}

/** The drafts with the pointer as their last line (or message, when the last one carries embeds). */
export function withPointer(drafts: readonly MessageDraft[], pointer: string): MessageDraft[] {
  const last = drafts.at(-1);
  if (
    last &&
    last.embeds.length === 0 &&
    last.components.length === 0 &&
    last.content.length + pointer.length + 2 <= CONTENT_MAX
  ) {
    return [...drafts.slice(0, -1), { ...last, content: `${last.content}\n\n${pointer}` }];
  }
  return [...drafts, { content: pointer, embeds: [], components: [] }];
}

const USERNAME_MAX = 80;
const LOOKALIKE: Record<string, string> = { o: '\u043e', O: '\u041e', e: '\u0435', E: '\u0415' };

/**
 * The webhook username for a character. Discord refuses names containing "discord" or "clyde"; a Cyrillic
 * look-alike letter keeps such a name readable.
 */
export function webhookUsername(name: string): string {
  const swap = (word: string, letter: RegExp) => word.replace(letter, (c) => LOOKALIKE[c] ?? c);
  return speakerName(name, USERNAME_MAX)
    .replace(/discord/gi, (word) => swap(word, /o/i))
    .replace(/clyde/gi, (word) => swap(word, /e/i));
}
