// Plain-text layout helpers for the terminal: word wrap, indentation, and removing control characters
// so text from people or a model can never move the cursor or change colours.

/** Wraps text at spaces to lines of at most `width` characters; a longer word is split. Keeps line breaks. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (const piece of splitLong(word, width)) {
        if (line === '') line = piece;
        else if (length(line) + 1 + length(piece) <= width) line += ` ${piece}`;
        else {
          lines.push(line);
          line = piece;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

const length = (text: string) => Array.from(text).length;

function splitLong(word: string, width: number): string[] {
  const chars = Array.from(word);
  if (chars.length <= width) return [word];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += width) pieces.push(chars.slice(i, i + width).join(''));
  return pieces;
}

export const indent = (lines: string[], spaces: number) =>
  lines.map((line) => (line === '' ? line : `${' '.repeat(spaces)}${line}`));

/** Right-aligns a line to `width` columns (or leaves it as is when longer). */
export const alignRight = (line: string, width: number) =>
  `${' '.repeat(Math.max(0, width - length(line)))}${line}`;

// Control characters (C0 including ESC, DEL, C1 including CSI) except line feed.
const CONTROL = /(?!\n)\p{Cc}/gu;

/** Text safe to print: CRLF becomes LF, tabs become spaces, other control characters are dropped. */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').replace(CONTROL, '');
}
