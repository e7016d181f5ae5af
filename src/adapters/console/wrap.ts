// Plain-text layout helpers for the terminal: word wrap, indentation, and removing control characters
// so text from people or a model can never move the cursor or change colours. Widths are display columns,
// so Chinese text and emoji line up.
import stringWidth from 'string-width';

/**
 * Wraps text at spaces to lines of at most `width` display columns; a longer word (or a run of Chinese, which
 * has no spaces) is split between characters. Keeps line breaks. A single character wider than `width` gets
 * a line of its own.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (const [piece, columns] of splitLong(word, width)) {
        if (line === '') {
          line = piece;
          used = columns;
        } else if (used + 1 + columns <= width) {
          line += ` ${piece}`;
          used += 1 + columns;
        } else {
          lines.push(line);
          line = piece;
          used = columns;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Columns a text takes in a terminal: East Asian wide characters and emoji two, combining marks and
 * zero-width characters none (string-width, which follows Unicode's East Asian Width).
 */
export const displayWidth = (text: string): number => stringWidth(text);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Measuring one grapheme at a time is string-width's slow path; the same characters recur, so each is
// measured once (printable ASCII is one column without asking).
const measured = new Map<string, number>();
function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1 && grapheme >= ' ' && grapheme <= '~') return 1;
  let columns = measured.get(grapheme);
  if (columns === undefined) {
    columns = displayWidth(grapheme);
    if (measured.size >= 8192) measured.clear();
    measured.set(grapheme, columns);
  }
  return columns;
}

/**
 * Pieces of at most `width` columns with their widths, cut between graphemes (an accent or an emoji sequence
 * stays whole).
 */
function splitLong(word: string, width: number): [piece: string, columns: number][] {
  const whole = displayWidth(word);
  if (whole <= width) return [[word, whole]];
  const pieces: [string, number][] = [];
  let piece = '';
  let used = 0;
  for (const { segment } of graphemes.segment(word)) {
    const columns = graphemeWidth(segment);
    if (piece !== '' && used + columns > width) {
      pieces.push([piece, used]);
      piece = '';
      used = 0;
    }
    piece += segment;
    used += columns;
  }
  if (piece !== '') pieces.push([piece, used]);
  return pieces;
}

/** Pads a line with spaces to `width` display columns (or leaves it as is when wider). */
export const padEnd = (line: string, width: number) =>
  `${line}${' '.repeat(Math.max(0, width - displayWidth(line)))}`;

export const indent = (lines: string[], spaces: number) =>
  lines.map((line) => (line === '' ? line : `${' '.repeat(spaces)}${line}`));

/** Right-aligns a line to `width` display columns (or leaves it as is when wider). */
export const alignRight = (line: string, width: number) =>
  `${' '.repeat(Math.max(0, width - displayWidth(line)))}${line}`;

// Control characters (C0 including ESC, DEL, C1 including CSI) except line feed.
const CONTROL = /(?!\n)\p{Cc}/gu;

/** Text safe to print: CRLF becomes LF, tabs become spaces, other control characters are dropped. */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').replace(CONTROL, '');
}
