// Discord messages split for its markdown: a quoted line (dialogue) cut in the middle keeps its "> ", and a
// cut never separates a "\*" escape from its character. The splitting itself is shared (adapters/shared).
import { splitText as splitAtBreaks } from '../../shared/split-text.ts';

const DISCORD_MARKDOWN = { quotes: true, backslashEscapes: true } as const;

export function splitText(text: string, limit: number): string[] {
  return splitAtBreaks(text, limit, DISCORD_MARKDOWN);
}
