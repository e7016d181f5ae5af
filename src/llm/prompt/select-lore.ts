// Lore for the prompt's dynamic tail: characters and earlier beats that the direction or the latest beats
// mention. Older beats are ranked by the rare words they share with that text (IDF-weighted overlap); words
// found in more than a quarter of the story carry no signal and are skipped. CJK text is matched by bigrams.
import type { Beat, Character, RoomState } from '../../story/types.ts';

const STOPWORDS = new Set(
  (
    'the and for are but not you all any can her was one our out his has had him how its may new now old see ' +
    'two way who did get let put say she too use that with have this will your from they know want been good ' +
    'much some time very when come here just like long make many more only over such take than them well were ' +
    'what into then there their would could should about after again before being below between both down ' +
    'during each few further once other same through under until while where which why also back still ' +
    'something nothing someone anyone everyone goes going looks turns'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+/g;

export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  const lower = text.toLowerCase();
  for (const match of lower.replace(CJK_RUN, ' ').matchAll(WORD)) {
    const word = match[0].replace(/['’]s$/, '');
    if (word.length >= 3 && !STOPWORDS.has(word)) terms.add(word);
  }
  for (const run of lower.match(CJK_RUN) ?? []) {
    if (run.length === 1) terms.add(run);
    for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return terms;
}

const termCache = new WeakMap<Beat, Set<string>>();

function beatTerms(beat: Beat): Set<string> {
  let terms = termCache.get(beat);
  if (!terms) {
    terms = termsOf(`${beat.character ?? ''} ${beat.text}`);
    termCache.set(beat, terms);
  }
  return terms;
}

/** Earlier beats ranked by relevance to the query, best first; only beats sharing a rare term. */
export function rankEarlierBeats(candidates: readonly Beat[], query: string): Beat[] {
  const wanted = termsOf(query);
  if (wanted.size === 0 || candidates.length === 0) return [];
  const df = new Map<string, number>();
  for (const beat of candidates) {
    const terms = beatTerms(beat);
    for (const term of wanted) if (terms.has(term)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const limit = Math.max(2, candidates.length / 4);
  const weights = new Map<string, number>();
  for (const [term, count] of df) {
    if (count <= limit) weights.set(term, Math.log(1 + candidates.length / count));
  }
  if (weights.size === 0) return [];
  const scored: { beat: Beat; score: number; index: number }[] = [];
  candidates.forEach((beat, index) => {
    const terms = beatTerms(beat);
    let score = 0;
    for (const [term, weight] of weights) if (terms.has(term)) score += weight;
    if (score > 0) scored.push({ beat, score, index });
  });
  // Ties go to the later beat: it is closer to where the story is now.
  scored.sort((a, b) => b.score - a.score || b.index - a.index);
  return scored.map((entry) => entry.beat);
}

/** Characters named in the text (whole-word, case-insensitive) or speaking in the given beats. */
export function mentionedCharacters(room: RoomState, text: string, speakers: readonly Beat[]): Character[] {
  const lower = text.toLowerCase();
  const speaking = new Set(speakers.map((beat) => beat.character?.toLowerCase()).filter(Boolean));
  return room.characters.filter((character) => {
    const name = character.name.toLowerCase();
    if (speaking.has(name)) return true;
    const at = lower.indexOf(name);
    if (at < 0) return false;
    const before = lower[at - 1];
    const after = lower[at + name.length];
    const boundary = (ch: string | undefined) => ch === undefined || !/[\p{L}\p{N}]/u.test(ch);
    // CJK names have no word boundaries; any occurrence counts.
    return /[\u3040-\u9fff\uac00-\ud7af]/.test(name) || (boundary(before) && boundary(after));
  });
}
