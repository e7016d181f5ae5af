// Splits one command line into words the way the slash grammar reads them: whitespace separates words,
// "double" or 'single' quotes (and “curly” ones) keep spaces inside one word, backslash escapes a quote
// or a backslash inside quotes. A quote opens only at the start of a word or right after "name:", so
// apostrophes in prose (don't, Alice's) stay plain letters.
import { type Message, msg } from '../../i18n/message.ts';

export interface Token {
  /** The word with quotes removed and escapes applied. */
  text: string;
  /** Set when the word was written as name:value; text is then the value. */
  key?: string | undefined;
  /** True when any part of the word was quoted (a quoted word is never a command name or an option). */
  quoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; message: Message };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”' };
const KEY = /^([A-Za-z][\w-]*):/;

const isSpace = (char: string) => /\s/u.test(char);

export function tokenize(line: string): TokenizeResult {
  const tokens: Token[] = [];
  const chars = Array.from(line);
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && isSpace(chars[i] as string)) i++;
    if (i >= chars.length) break;
    const start = i;
    let text = '';
    let quoted = false;
    let key: string | undefined;
    const rest = chars.slice(i, i + 80).join('');
    const keyMatch = KEY.exec(rest);
    if (keyMatch) {
      key = keyMatch[1];
      i += Array.from(keyMatch[0]).length;
    }
    let atWordStart = true;
    while (i < chars.length && !isSpace(chars[i] as string)) {
      const char = chars[i] as string;
      const close = QUOTES[char];
      if (close !== undefined && atWordStart) {
        const end = readQuoted(chars, i + 1, close);
        if (!end.ok) {
          // Quoted back on one line: a tab or line break typed inside shows as a space.
          const typed = chars
            .slice(start, start + 30)
            .join('')
            .replace(/\p{Cc}/gu, ' ');
          const shown = `${typed}${chars.length > start + 30 ? '…' : ''}`;
          return { ok: false, message: msg('commands.text.unclosed-quote', { quote: char, shown, close }) };
        }
        text += end.text;
        quoted = true;
        i = end.next;
        continue;
      }
      text += char;
      atWordStart = false;
      i++;
    }
    tokens.push({ text, key, quoted });
  }
  return { ok: true, tokens };
}

function readQuoted(
  chars: string[],
  from: number,
  close: string,
): { ok: true; text: string; next: number } | { ok: false } {
  let text = '';
  for (let i = from; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === '\\') {
      const next = chars[i + 1];
      if (next === '\\' || next === close || next === '"' || next === "'") {
        text += next;
        i++;
        continue;
      }
      text += char;
      continue;
    }
    if (char === close) return { ok: true, text, next: i + 1 };
    text += char;
  }
  return { ok: false };
}
