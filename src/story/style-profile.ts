// A style profile: plain text statistics of a passage (the room's style sample, or beats written under it).
// Shown by /style show, followed by the offline narrator, compared by the bench. Pure and linear in the text.
//
// Definitions:
// - Tokens: each CJK ideograph or kana is one token (Chinese and Japanese have no spaces between words); any
//   other run of letters, marks and digits is one token (a word), apostrophes inside it included ("don't").
// - Unit: "characters" when most tokens are CJK characters, else "words". Sentence lengths are in that unit.
// - Sentences: text between sentence ends: a run of . ! ? … (followed by closing quotes or brackets and then
//   whitespace or the end of the text), any of 。！？ (no space needed), or a line break. Sentences without a
//   token ("...", "——") do not count.
// - Dialogue share: of the visible characters that are not quote marks, the share inside “…”, 「…」, 『…』,
//   «…» or "…" (nested quotes count once; a quote left open ends at the line break).
// - Type-token ratio: the moving-average type-token ratio (MATTR) over windows of 50 tokens, so that long and
//   short texts compare; the plain ratio for texts under 50 tokens; 0 for none. Tokens are lowercased.
// - Function words: how often each word of a small list for the unit's language (English for words, Chinese
//   for characters) occurs, per 100 tokens, most frequent first.

export type StyleUnit = 'words' | 'characters';

export interface FunctionWordUse {
  word: string;
  /** Occurrences per 100 tokens. */
  per100: number;
}

export interface StyleProfile {
  unit: StyleUnit;
  tokens: number;
  sentences: number;
  /** Tokens per sentence (words, or CJK characters). */
  meanSentenceLength: number;
  /** 0 to 1. */
  dialogueShare: number;
  /** 0 to 1 (MATTR, window TTR_WINDOW). */
  typeTokenRatio: number;
  /** Every word of the list that occurs, most frequent first. */
  functionWords: FunctionWordUse[];
}

export const TTR_WINDOW = 50;

/** Small lists of the most common function words (articles, pronouns, prepositions, particles). */
export const FUNCTION_WORDS: Readonly<Record<StyleUnit, readonly string[]>> = {
  words: (
    'the a an and but or of to in on at by for with from as that this it he she they we you i his her ' +
    'their was were is are be had has not no so then there when if all what which who into out up like'
  ).split(' '),
  characters: [...'的了着过是在和与也就都不没这那他她它我你们把被地得又还但而吗呢吧啊很个一'],
};

const CJK_TOKEN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const WORD_CHAR = String.raw`(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{M}\p{N}])`;
/** One CJK character, or a word: letters, marks and digits, with apostrophes inside. */
const TOKEN = new RegExp(
  String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*`,
  'gu',
);

/** The text's tokens, lowercased, in order. */
export function tokensOf(text: string): string[] {
  return Array.from(text.matchAll(TOKEN), (match) => match[0].toLowerCase());
}

const LATIN_ENDS = new Set(['.', '!', '?', '…']);
const CJK_ENDS = new Set(['。', '！', '？']);
const CLOSERS = new Set(['”', '’', '"', "'", '」', '』', '）', ')', ']', '»']);
const SPACE = /\s/u;
/** Whitespace, without a regular expression for the common ASCII case (this runs once per character). */
const isSpace = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(char);
};

/** Where a sentence may end: a line break or an end mark (the scan jumps from one to the next). */
const BREAKS = /[\n.!?…。！？]/g;
const isEnd = (char: string) => LATIN_ENDS.has(char) || CJK_ENDS.has(char);

/** The offsets where sentences end (see the definitions above), the text's length last. Linear. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  const breaks = new RegExp(BREAKS.source, 'g');
  for (let found = breaks.exec(text); found !== null; found = breaks.exec(text)) {
    let j = found.index;
    if (text[j] === '\n') {
      while (text[j] === '\n') j++;
      ends.push(j);
    } else {
      let cjk = false;
      while (j < text.length && isEnd(text[j] as string)) {
        if (CJK_ENDS.has(text[j] as string)) cjk = true;
        j++;
      }
      while (j < text.length && CLOSERS.has(text[j] as string)) j++;
      if (cjk || j === text.length || isSpace(text[j] as string)) ends.push(j);
    }
    breaks.lastIndex = j;
  }
  if (ends.at(-1) !== text.length && text.length > 0) ends.push(text.length);
  return ends;
}

/**
 * The text cut into sentences, each with its end marks (see the definitions above); nothing is lost: the
 * pieces joined give the text back.
 */
export function splitSentences(text: string): string[] {
  let start = 0;
  return sentenceEnds(text).map((end) => {
    const piece = text.slice(start, end);
    start = end;
    return piece;
  });
}

const OPENERS: Readonly<Record<string, string>> = { '“': '”', '「': '」', '『': '』', '«': '»' };
/** Deeper nesting than this is counted as this deep (hostile text can open thousands). */
const MAX_DEPTH = 16;

const QUOTE_MARKS = /[“”「」『』«»"\n]/g;
const WHITESPACE = /\s/gu;
const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** Characters (code points) of text[from, to) that are not whitespace. */
function visibleBetween(text: string, from: number, to: number): number {
  if (to <= from) return 0;
  const piece = text.slice(from, to);
  return piece.length - (piece.match(WHITESPACE)?.length ?? 0) - (piece.match(SURROGATE_PAIR)?.length ?? 0);
}

/** Visible characters inside quotes, and all visible characters, quote marks left out. */
function dialogueCounts(text: string): { inside: number; visible: number } {
  const open: string[] = [];
  let inside = 0;
  let visible = 0;
  let from = 0;
  const marks = new RegExp(QUOTE_MARKS.source, 'g');
  for (let found = marks.exec(text); found !== null; found = marks.exec(text)) {
    const seen = visibleBetween(text, from, found.index);
    visible += seen;
    if (open.length > 0) inside += seen;
    from = found.index + 1;
    const char = found[0];
    if (char === '\n') open.length = 0;
    else if (char === '"') {
      if (open.at(-1) === '"') open.pop();
      else if (open.length < MAX_DEPTH) open.push('"');
    } else if (OPENERS[char] !== undefined) {
      if (open.length < MAX_DEPTH) open.push(OPENERS[char]);
    } else {
      const at = open.lastIndexOf(char);
      if (at >= 0) open.length = at;
    }
  }
  const rest = visibleBetween(text, from, text.length);
  visible += rest;
  if (open.length > 0) inside += rest;
  return { inside, visible };
}

/** Moving-average type-token ratio over windows of `window` tokens (plain TTR for shorter texts). */
function movingTypeTokenRatio(tokens: readonly string[], window = TTR_WINDOW): number {
  if (tokens.length === 0) return 0;
  if (tokens.length <= window) return new Set(tokens).size / tokens.length;
  const counts = new Map<string, number>();
  let distinct = 0;
  const add = (token: string, by: number) => {
    const count = (counts.get(token) ?? 0) + by;
    if (count === 0) counts.delete(token);
    else counts.set(token, count);
    if (by > 0 && count === 1) distinct++;
    if (by < 0 && count === 0) distinct--;
  };
  for (let i = 0; i < window; i++) add(tokens[i] as string, 1);
  let sum = distinct / window;
  for (let i = window; i < tokens.length; i++) {
    add(tokens[i - window] as string, -1);
    add(tokens[i] as string, 1);
    sum += distinct / window;
  }
  return sum / (tokens.length - window + 1);
}

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

export function profileOf(text: string): StyleProfile {
  let tokens = 0;
  let cjkTokens = 0;
  let sentences = 0;
  const all: string[] = [];
  // Tokens never straddle a sentence end (ends fall after marks and whitespace), so one pass over the text's
  // tokens, moving through the sentence ends, counts each sentence's tokens.
  const ends = sentenceEnds(text);
  let sentence = 0;
  let inSentence = 0;
  for (const match of text.matchAll(TOKEN)) {
    while (match.index >= (ends[sentence] ?? Number.POSITIVE_INFINITY)) {
      if (inSentence > 0) sentences++;
      inSentence = 0;
      sentence++;
    }
    const token = match[0].toLowerCase();
    inSentence++;
    tokens++;
    // A CJK token is one character (two code units outside the BMP); words are checked no further.
    if (token.length <= 2 && CJK_TOKEN.test(token)) cjkTokens++;
    all.push(token);
  }
  if (inSentence > 0) sentences++;
  const unit: StyleUnit = cjkTokens * 2 > tokens ? 'characters' : 'words';
  const list = FUNCTION_WORDS[unit];
  const counts = new Map<string, number>();
  const listed = new Set(list);
  for (const token of all) if (listed.has(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  const functionWords = [...counts]
    .sort((a, b) => b[1] - a[1] || list.indexOf(a[0]) - list.indexOf(b[0]))
    .map(([word, count]) => ({ word, per100: round((count / tokens) * 100, 2) }));
  const { inside, visible } = dialogueCounts(text);
  return {
    unit,
    tokens,
    sentences,
    meanSentenceLength: sentences === 0 ? 0 : round(tokens / sentences, 2),
    dialogueShare: visible === 0 ? 0 : round(inside / visible),
    typeTokenRatio: round(movingTypeTokenRatio(all)),
    functionWords,
  };
}

/** The parts of a distance, each from 0 (the same) to 1 (as different as it counts). */
export interface StyleDistance {
  /** |ln((a + 1) / (b + 1))| / ln 4, capped at 1: sentences four times as long count as wholly different. */
  sentenceLength: number;
  /** |a - b|. */
  dialogue: number;
  /** 2 |a - b|, capped at 1: type-token ratios half the scale apart count as wholly different. */
  typeTokenRatio: number;
  /**
   * Total variation distance between the two profiles' function-word mixes (each word's share of the
   * profile's function-word uses): 0 for the same mix, 1 for no word in common; 1 when only one has any.
   */
  functionWords: number;
  /** The mean of the four. */
  total: number;
}

export function styleDistance(a: StyleProfile, b: StyleProfile): StyleDistance {
  const sentenceLength = Math.min(
    1,
    Math.abs(Math.log((a.meanSentenceLength + 1) / (b.meanSentenceLength + 1))) / Math.log(4),
  );
  const dialogue = Math.min(1, Math.abs(a.dialogueShare - b.dialogueShare));
  const typeTokenRatio = Math.min(1, 2 * Math.abs(a.typeTokenRatio - b.typeTokenRatio));
  const functionWords = mixDistance(a.functionWords, b.functionWords);
  const total = (sentenceLength + dialogue + typeTokenRatio + functionWords) / 4;
  return {
    sentenceLength: round(sentenceLength),
    dialogue: round(dialogue),
    typeTokenRatio: round(typeTokenRatio),
    functionWords: round(functionWords),
    total: round(total),
  };
}

function mixDistance(a: readonly FunctionWordUse[], b: readonly FunctionWordUse[]): number {
  const sumA = a.reduce((sum, use) => sum + use.per100, 0);
  const sumB = b.reduce((sum, use) => sum + use.per100, 0);
  if (sumA === 0 && sumB === 0) return 0;
  if (sumA === 0 || sumB === 0) return 1;
  const shares = new Map<string, number>();
  for (const use of a) shares.set(use.word, use.per100 / sumA);
  for (const use of b) shares.set(use.word, (shares.get(use.word) ?? 0) - use.per100 / sumB);
  let total = 0;
  for (const share of shares.values()) total += Math.abs(share);
  return Math.min(1, total / 2);
}

/**
 * Beats as the prose a profile reads: actions as they are, lines of dialogue in quotes, one paragraph each
 * (scene headings and transitions are not prose and are left out).
 */
export function beatsAsProse(beats: readonly { kind: string; text: string }[]): string {
  return beats
    .filter((beat) => beat.kind === 'action' || beat.kind === 'dialogue')
    .map((beat) => (beat.kind === 'dialogue' ? `“${beat.text.replace(/\n+/g, ' ')}”` : beat.text))
    .join('\n');
}
