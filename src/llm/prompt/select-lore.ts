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
    if (word.length >= 3 && !STOPWORDS.has(word) && !/^[\d'’-]+$/.test(word)) terms.add(word);
  }
  for (const run of lower.match(CJK_RUN) ?? []) {
    if (run.length === 1) terms.add(run);
    for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return terms;
}

/** Where each term occurs on the canonical path (positions), built once and extended as beats are added. */
interface PathIndex {
  lastId: string | undefined;
  length: number;
  postings: Map<string, number[]>;
}

// Keyed by the room's beats record: the same object for the room's whole life, also in shallow copies.
const indexes = new WeakMap<object, PathIndex>();

function indexFor(room: RoomState, path: readonly Beat[]): PathIndex {
  let index = indexes.get(room.beats);
  // Ids are unique and the path to a beat is unique, so a matching last id means a matching prefix.
  const valid = index && index.length <= path.length && path[index.length - 1]?.id === index.lastId;
  if (!index || !valid) {
    index = { lastId: undefined, length: 0, postings: new Map() };
    indexes.set(room.beats, index);
  }
  for (let i = index.length; i < path.length; i++) {
    const beat = path[i] as Beat;
    for (const term of termsOf(`${beat.character ?? ''} ${beat.text}`)) {
      const list = index.postings.get(term);
      if (list) list.push(i);
      else index.postings.set(term, [i]);
    }
    index.lastId = beat.id;
  }
  index.length = path.length;
  return index;
}

/** How many positions in a sorted list are below `end`. */
function countBelow(list: readonly number[], end: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Terms in at most this share of the searched beats count as rare enough to point at one moment. */
const RARE_SHARE = 0.02;

/**
 * Positions of beats before `end` on the path that share rare terms with the direction (full weight) or the
 * latest beats (half weight), best first, at most `limit`. Ties go to the later beat, nearer the story's now.
 */
export function rankEarlierBeats(
  room: RoomState,
  path: readonly Beat[],
  end: number,
  query: { direction: string; recent: string },
  limit: number,
): number[] {
  if (end <= 0) return [];
  const index = indexFor(room, path);
  const wanted = new Map<string, number>();
  for (const term of termsOf(query.recent)) wanted.set(term, 0.5);
  for (const term of termsOf(query.direction)) wanted.set(term, 1);
  const maxDf = Math.max(2, Math.ceil(end * RARE_SHARE));
  const scores = new Map<number, number>();
  for (const [term, weight] of wanted) {
    const list = index.postings.get(term);
    if (!list) continue;
    const df = countBelow(list, end);
    if (df === 0 || df > maxDf) continue;
    const idf = Math.log(1 + end / df);
    for (let i = 0; i < df; i++) {
      const position = list[i] as number;
      scores.set(position, (scores.get(position) ?? 0) + weight * idf);
    }
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limit)
    .map(([position]) => position);
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
