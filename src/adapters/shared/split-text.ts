// Splits long text into message-sized pieces at paragraph breaks, else line breaks, else spaces; only a
// single unbroken run longer than the limit is cut mid-word, and then between grapheme clusters, never inside
// a surrogate pair. Each platform gives its own limit and markdown (Discord: 2,000 characters, "> " quotes and
// "\*" escapes; Slack: 3,000 characters a section, "> " quotes and "&amp;" entities).
//
// What the pieces hold, exactly: the text trimmed, cut into consecutive pieces in order. At each cut the run
// of whitespace around it is dropped (nothing else is), and with `quotes` a piece that continues a quoted line
// ("> ", dialogue) cut in the middle starts with "> " again (nothing else is added). Every piece is at most
// `limit` characters, and the work is linear in the text's length: each piece consumes at least one character.

export interface SplitOptions {
  /** A line quoted with "> " (dialogue) that is cut in the middle keeps its marker in the next piece. */
  quotes?: boolean;
  /** Never separate a backslash escape ("\*") from the character it escapes. */
  backslashEscapes?: boolean;
  /** Never cut inside an HTML entity ("&amp;", "&lt;", "&gt;": Slack's escapes). */
  entities?: boolean;
}

/** A break earlier than this share of the limit wastes too much of a message; look for a finer one. */
const MIN_FILL = 0.3;
const QUOTE = '> ';
const SPACE = /\s/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function splitText(text: string, limit: number, options: SplitOptions = {}): string[] {
  if (limit < 20) throw new Error('splitText needs a limit of at least 20 characters');
  const source = text.trim();
  const chunks: string[] = [];
  let pos = 0;
  /** Where the line holding `pos` starts in `source`. */
  let lineStart = 0;
  /** "> " when the piece starting at `pos` continues a quoted line cut in the middle. */
  let marker = '';
  while (pos < source.length) {
    const budget = limit - marker.length;
    if (source.length - pos <= budget) {
      chunks.push(marker + source.slice(pos));
      break;
    }
    const cut = findCut(source, pos, budget, options);
    chunks.push(marker + source.slice(pos, cut).trimEnd());
    const newline = source.slice(pos, cut).lastIndexOf('\n');
    if (newline >= 0) lineStart = pos + newline + 1;
    let next = cut;
    let lineBreak = false;
    while (next < source.length && SPACE.test(source[next] as string)) {
      if (source[next] === '\n') {
        lineBreak = true;
        lineStart = next + 1;
      }
      next++;
    }
    // A quoted line (dialogue) cut in the middle keeps its quote marker in the next message.
    marker = options.quotes && !lineBreak && source.startsWith(QUOTE, lineStart) ? QUOTE : '';
    pos = next;
  }
  return chunks;
}

/**
 * Where to end the piece that starts at `pos` (never whitespace) and may hold `budget` characters: an index
 * in (pos, pos + budget], so every piece makes progress.
 */
function findCut(text: string, pos: number, budget: number, options: SplitOptions): number {
  const end = pos + budget;
  // Searched in a window, not the whole text: the time per piece stays proportional to the limit.
  const window = text.slice(pos, end + 1);
  const minimum = Math.floor(budget * MIN_FILL);
  const candidates = [
    window.lastIndexOf('\n\n', budget - 1),
    window.lastIndexOf('\n', budget),
    lastSpace(text, pos, end, options.quotes === true) - pos,
  ];
  const good = candidates.find((index) => index >= minimum);
  if (good !== undefined) return pos + good;
  const any = candidates.find((index) => index > 0);
  if (any !== undefined) return pos + any;
  return hardCut(text, pos, budget, options);
}

/** The last whitespace in (pos, end] that is not (with `quotes`) the space of a quote marker at a line's start. */
function lastSpace(text: string, pos: number, end: number, quotes: boolean): number {
  for (let index = Math.min(end, text.length - 1); index > pos; index--) {
    if (!SPACE.test(text[index] as string)) continue;
    const markerSpace = quotes && text[index - 1] === '>' && (index - 1 === 0 || text[index - 2] === '\n');
    if (!markerSpace) return index;
  }
  return -1;
}

/**
 * A cut inside an unbroken run (the window's first `budget` characters): after the last whole grapheme
 * cluster that fits, else (one cluster longer than a message) after the last whole code point.
 */
function hardCut(text: string, pos: number, budget: number, options: SplitOptions): number {
  // An entity may run past the window's end, so it is read with a few characters more.
  const window = text.slice(pos, pos + budget + ENTITY_MAX);
  const codePoint = isHighSurrogate(window.charCodeAt(budget - 1)) ? budget - 1 : budget;
  const cluster = graphemes.segment(window).containing(budget);
  const keep = (cut: number) => {
    const outside = options.backslashEscapes ? outsideEscape(window, cut) : cut;
    return options.entities ? outsideEntity(window, outside) : outside;
  };
  let cut = keep(cluster && cluster.index > 0 ? cluster.index : codePoint);
  if (cut <= 0) cut = keep(codePoint);
  return pos + Math.max(cut, 1);
}

/** `cut`, or one earlier when it would separate a markdown escape's backslash from the character it escapes. */
function outsideEscape(window: string, cut: number): number {
  let backslashes = 0;
  while (backslashes < cut && window[cut - backslashes - 1] === '\\') backslashes++;
  return backslashes % 2 === 1 ? cut - 1 : cut;
}

/** `cut`, or the start of the entity ("&amp;") it would fall inside (`window` reaches past `cut`). */
function outsideEntity(window: string, cut: number): number {
  const start = window.lastIndexOf('&', cut - 1);
  if (start < 0 || start < cut - ENTITY_MAX + 1) return cut;
  const entity = ENTITY.exec(window.slice(start, start + ENTITY_MAX));
  return entity && start + entity[0].length > cut ? start : cut;
}

const ENTITY = /^&(?:amp|lt|gt);/;
const ENTITY_MAX = '&amp;'.length;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
