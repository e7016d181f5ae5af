// Words typed without quotes fill one option each, so "/scene new EXT. ROOF - DAY A windy roof" reads the
// heading as just "EXT.". When the room then refuses that option, say how the line was read and how to quote it.
import { type Message, msg } from '../../i18n/message.ts';
import type { Command, CommandSpelling } from '../command.ts';
import { PLAIN_SPELLING } from '../command-spelling.ts';
import type { PositionalOption } from './parse-command-text.ts';

/** Refusals (by UserError code) that are about one option, and which option that is. */
const REFUSED_OPTION: Record<string, string> = { 'scene.heading': 'heading' };

const quoted = (text: string) =>
  /\s/u.test(text) ? `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : text;

export function quoteHint(
  code: string,
  command: Command,
  positional: readonly PositionalOption[],
  spelling: CommandSpelling = PLAIN_SPELLING,
): Message | undefined {
  const option = Object.hasOwn(REFUSED_OPTION, code) ? REFUSED_OPTION[code] : undefined;
  const at = positional.findIndex((entry) => entry.name === option);
  const read = positional[at];
  // Only when the option got one word and more words followed it: that is when quotes were missing.
  if (!read || at === positional.length - 1 || /\s/u.test(read.text)) return undefined;
  const before = positional.slice(0, at).map((entry) => quoted(entry.text));
  const after = positional
    .slice(at + 1)
    .map((entry) => entry.text)
    .join(' ')
    .split(' ');
  const taken = capitalWords(after);
  const example =
    taken > 0
      ? [
          ...before,
          quoted([read.text, ...after.slice(0, taken)].join(' ')),
          ...(taken < after.length ? [quoted(after.slice(taken).join(' '))] : []),
        ]
      : [...before, `"<${read.name}>"`, ...(at + 1 < positional.length ? ['…'] : [])];
  return msg('commands.text.quote-hint', {
    option: read.name,
    text: read.text,
    command: spelling.name(command.name),
    example: example.join(' '),
  });
}

/**
 * How many leading words are in capitals, as a screenplay heading is ("ROOF - DAY" in "ROOF - DAY A windy
 * roof"): up to the first word with a lower-case letter, less a one-letter word ("A", "I") that starts the
 * sentence after it. 0 when there is no such run.
 */
function capitalWords(words: readonly string[]): number {
  let end = 0;
  while (end < words.length && !/\p{Ll}/u.test(words[end] ?? '')) end++;
  if (end < words.length && end > 0 && /^\p{Lu}$/u.test(words[end - 1] ?? '')) end--;
  return end;
}
