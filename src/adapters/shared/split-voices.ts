// A reply whose new lines of dialogue are spoken by the characters themselves (character voices): the
// lines are taken out, in order, between the reply's other parts, and the reply gets a pointer to them.
import type { Block, Reply, Text } from '../../../commands/command.ts';
import type { Beat } from '../../../story/types.ts';
import { escapeText } from './escape-text.ts';
import { CONTENT_MAX, type MessageDraft } from './message-draft.ts';

export type VoicedPart<T extends Text = Text> =
  | { type: 'blocks'; blocks: Block<T>[] }
  | { type: 'voice'; beat: Beat };

/** The reply in order, with each dialogue beat for which `speaks` holds as a part of its own. */
export function splitVoices<T extends Text>(
  reply: Reply<T>,
  speaks: (beat: Beat) => boolean,
): VoicedPart<T>[] {
  const parts: VoicedPart<T>[] = [];
  const add = (block: Block<T>) => {
    const last = parts.at(-1);
    if (last?.type === 'blocks') last.blocks.push(block);
    else parts.push({ type: 'blocks', blocks: [block] });
  };
  for (const block of reply.blocks) {
    if (block.type !== 'beats') {
      add(block);
      continue;
    }
    let others: Beat[] = [];
    const flush = () => {
      if (others.length > 0) add({ ...block, beats: others });
      others = [];
    };
    for (const beat of block.beats) {
      if (beat.kind === 'dialogue' && beat.character && speaks(beat)) {
        flush();
        parts.push({ type: 'voice', beat });
      } else others.push(beat);
    }
    flush();
  }
  return parts;
}

/** "-# 🎭 NORA speaks below.": what the reply shows in place of the lines. */
export function voicesPointer(beats: readonly Beat[]): string {
  const names = [...new Set(beats.map((beat) => (beat.character ?? '').toUpperCase()))].map(
    (name) => `**${escapeText(name)}**`,
  );
  const who = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `-# 🎭 ${who} ${names.length > 1 ? 'speak' : 'speaks'} below.`;
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
  const safe = name
    .trim()
    .replace(/discord/gi, (word) => swap(word, /o/i))
    .replace(/clyde/gi, (word) => swap(word, /e/i));
  return Array.from(safe).slice(0, USERNAME_MAX).join('') || 'someone';
}
