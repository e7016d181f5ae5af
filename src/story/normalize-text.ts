// Text people give the story, in one form before it is stored: NFC, with invisible and direction-control
// characters removed, so that what is stored is what everyone sees ("Ve\u200bra" and "\u202eareV" are
// not new names that display as "Vera"). Labels (names, titles, headings, vote options, canon) are one line
// with whitespace collapsed; prose (lines, descriptions) keeps its line breaks.
//
// Kept where they carry meaning: ZWJ inside emoji sequences (👩‍💻) and, like ZWNJ, between letters of the
// scripts that use them (Persian می‌خواهم, Indic conjuncts); variation selectors after emoji, symbols and CJK
// ideographs; tag characters inside a flag's tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿).

/** Candidates for removal: format and default-ignorable characters, controls, lone surrogates. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}]/gu;
/** Blank-looking characters that are not whitespace to Unicode but are used as such (braille blank). */
const BLANKS = /[\s\u0085\u2800]+/gu;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085\v\f]/g;

const ZWNJ = '\u200c';
const ZWJ = '\u200d';
/** Scripts where ZWJ and ZWNJ change how letters join or form conjuncts. */
const JOINING_SCRIPT =
  /[\p{scx=Arabic}\p{scx=Syriac}\p{scx=Nko}\p{scx=Mongolian}\p{scx=Devanagari}\p{scx=Bengali}\p{scx=Gurmukhi}\p{scx=Gujarati}\p{scx=Oriya}\p{scx=Tamil}\p{scx=Telugu}\p{scx=Kannada}\p{scx=Malayalam}\p{scx=Sinhala}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
/** What an emoji ZWJ sequence may have right before a ZWJ: the emoji, its skin tone or VS16. */
const EMOJI_TAIL = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f/u;
/** Characters with standardized or emoji variation sequences. */
const TAKES_VARIATION =
  /[\p{Emoji}\p{Ideographic}\p{Sm}\p{So}\p{scx=Myanmar}\p{scx=Phags_Pa}\p{scx=Mongolian}]/u;
const VARIATION_SELECTOR = /[\ufe00-\ufe0f]/u;
const IDEOGRAPHIC_VARIATION = /[\u{e0100}-\u{e01ef}]/u;
const MONGOLIAN_FVS = /[\u180b-\u180d\u180f]/u;
const TAG = /[\u{e0020}-\u{e007f}]/u;

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.slice(index - 1, index);
}

function codePointAt(text: string, index: number): string {
  const point = text.codePointAt(index);
  return point === undefined ? '' : String.fromCodePoint(point);
}

/**
 * 🏴 + tag characters + cancel tag (subdivision flags), found in one pass over the text: the tag characters a
 * sequence covers are kept. A tag character is checked against these spans in order, so each tag run is
 * decided once, not rescanned per character (which was quadratic in the run's length).
 */
const FLAG_TAG_SEQUENCE = /\u{1f3f4}[\u{e0020}-\u{e007f}]*\u{e007f}/gu;

/** A test for "is the tag character at this index inside a flag's sequence", for increasing indexes. */
function flagTagChecker(text: string): (index: number) => boolean {
  const spans = [...text.matchAll(FLAG_TAG_SEQUENCE)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  let next = 0;
  return (index) => {
    while (next < spans.length && (spans[next]?.end ?? 0) <= index) next++;
    const span = spans[next];
    return span !== undefined && span.start < index && index < span.end;
  };
}

function keeps(
  char: string,
  text: string,
  index: number,
  keepBreaks: boolean,
  inFlagTagSequence: (index: number) => boolean,
): boolean {
  if (char === '\t' || char === ' ') return true;
  if (char === '\n') return keepBreaks;
  const before = codePointBefore(text, index);
  const after = codePointAt(text, index + char.length);
  if (char === ZWJ && EMOJI_TAIL.test(before) && PICTOGRAPHIC.test(after)) return true;
  if (char === ZWJ || char === ZWNJ) {
    return (
      LETTER_OR_MARK.test(before) &&
      JOINING_SCRIPT.test(before) &&
      LETTER_OR_MARK.test(after) &&
      JOINING_SCRIPT.test(after)
    );
  }
  if (VARIATION_SELECTOR.test(char)) return TAKES_VARIATION.test(before);
  if (IDEOGRAPHIC_VARIATION.test(char)) return /\p{Ideographic}/u.test(before);
  if (MONGOLIAN_FVS.test(char)) return /\p{scx=Mongolian}/u.test(before);
  if (TAG.test(char)) return inFlagTagSequence(index);
  return false;
}

function stripInvisible(text: string, keepBreaks: boolean): string {
  let inFlagTagSequence: ((index: number) => boolean) | undefined;
  return text.replace(INVISIBLE, (char, index: number, whole: string) => {
    if (TAG.test(char)) inFlagTagSequence ??= flagTagChecker(whole);
    return keeps(char, whole, index, keepBreaks, inFlagTagSequence ?? (() => false)) ? char : '';
  });
}

/** Runs `pass` until nothing changes (removing a character can let NFC compose its neighbours). */
function settle(text: string, pass: (text: string) => string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = pass(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

/** A name, title, heading, vote option or canon fact: one line, NFC, no invisibles, single spaces, trimmed. */
export function normalizeLabel(text: string): string {
  return settle(text, (value) =>
    stripInvisible(value.replace(BLANKS, ' '), false).normalize('NFC').replace(BLANKS, ' ').trim(),
  );
}

/** A line of dialogue, an action, a description: NFC, no invisibles, "\n" for every line break, trimmed. */
export function normalizeProse(text: string): string {
  return settle(text, (value) =>
    stripInvisible(value.replace(LINE_BREAK, '\n'), true).normalize('NFC').trim(),
  );
}

/** The form names are compared in: the label, compatibility-folded (ｖｅｒａ, ﬁ) and case-folded. */
export function foldKey(text: string): string {
  const label = normalizeLabel(text).normalize('NFKC');
  // Upper then lower approximates full case folding (ß -> ss, ς -> σ) with what JavaScript has.
  return label
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\u200c|\u200d|[\ufe00-\ufe0f]/g, '');
}

/** Whether text had something to show that normalizing removed entirely (so refuse it, saying why). */
export const onlyInvisible = (original: string, normalized: string): boolean =>
  normalized.length === 0 && original.replace(BLANKS, '').length > 0;
