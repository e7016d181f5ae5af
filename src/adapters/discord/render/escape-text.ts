// Text from people and the model is shown as written: markdown that would change how a message renders
// (code fences, headings, quotes, lists, masked links, subtext) is escaped. Mentions stay as text; they never
// ping because every message is sent with allowed_mentions parsing nothing.
import { escapeMarkdown } from 'discord.js';

export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text.replace(/\r\n?/g, '\n'), {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  // Block quotes (`> `, `>>> `) and subtext (`-# `) at the start of a line.
  return escaped.replace(/^([ \t]*)(>|-#)/gm, '$1\\$2');
}
