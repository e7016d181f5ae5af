// How the offline narrator follows the room's style: its template sentences are cut at their commas and
// re-joined toward the sample's mean sentence length (a terse sample gets fragments, an ornate one long joined
// sentences, lengthened with the language's descriptive clauses when joining is not enough), and it chooses
// lines of dialogue as often as keeps the story's dialogue share near the sample's. Deterministic: every
// choice comes from the seeded random source it is given. No word of the template text is dropped.
import type { StyleProfile } from '../../story/style-profile.ts';
import {
  beatsAsProse,
  profileOf,
  splitSentences,
  styleDistance,
  tokensOf,
} from '../../story/style-profile.ts';
import type { Beat } from '../../story/types.ts';
import type { OfflineTemplates } from './templates/types.ts';

/** Drafts the offline narrator writes for each beat under a style, keeping the closest (see closestToStyle). */
export const STYLE_CANDIDATES = 4;
/** Recent beats the candidates are measured with. */
export const STYLE_WINDOW = 30;
/** At most this many descriptive clauses are added to one text. */
const MAX_ADDED_CLAUSES = 6;
/** Recent beats whose dialogue share is steered toward the sample's. */
export const DIALOGUE_WINDOW = 12;

interface Clause {
  text: string;
  tokens: number;
  /** The end marks of the sentence this clause closed in the template text. */
  end?: string | undefined;
}

const END = /[.!?…。！？]+[”’"'」』）)\]»]*$/u;
const CLAUSE_BREAK = /\s*[,;:，；：]\s*/u;

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const sentence of splitSentences(text)) {
    const trimmed = sentence.trim();
    if (trimmed === '') continue;
    if (tokensOf(trimmed).length === 0) {
      // Marks without words ("…", "——") stay with the clause before them.
      const last = clauses.at(-1);
      if (last) last.end = `${last.end ?? ''}${trimmed}`;
      else clauses.push({ text: trimmed, tokens: 0 });
      continue;
    }
    const end = END.exec(trimmed)?.[0] ?? '';
    const body = trimmed.slice(0, trimmed.length - end.length);
    const parts = body.split(CLAUSE_BREAK).filter((part) => part !== '');
    parts.forEach((part, i) => {
      clauses.push({
        text: part,
        tokens: tokensOf(part).length,
        end: i === parts.length - 1 ? end : undefined,
      });
    });
  }
  return clauses;
}

/** Groups clauses into sentences whose lengths come as close to `target` as whole clauses allow. */
function pack(clauses: readonly Clause[], target: number): Clause[][] {
  const sentences: { clauses: Clause[]; tokens: number }[] = [];
  for (const clause of clauses) {
    const current = sentences.at(-1);
    if (current && Math.abs(current.tokens + clause.tokens - target) < Math.abs(current.tokens - target)) {
      current.clauses.push(clause);
      current.tokens += clause.tokens;
    } else sentences.push({ clauses: [clause], tokens: clause.tokens });
  }
  return sentences.map((sentence) => sentence.clauses);
}

export interface FollowStyleOptions {
  templates: OfflineTemplates;
  random: () => number;
  /** Names whose capital letter stays when they no longer open a sentence. */
  names: readonly string[];
}

/** The text re-cut toward the profile's mean sentence length; unchanged when the profile has none. */
export function followStyle(text: string, profile: StyleProfile, options: FollowStyleOptions): string {
  const target = profile.meanSentenceLength;
  if (!(target > 0)) return text;
  const { prose, style } = options.templates;
  const clauses = clausesOf(text);
  if (clauses.length === 0) return text;
  const sentences = pack(clauses, target);
  const tokensIn = (sentence: readonly Clause[]) => sentence.reduce((sum, clause) => sum + clause.tokens, 0);

  // Joining whole clauses cannot make sentences long enough: add descriptive clauses to the short ones.
  const unused = [...style.clauses];
  let added = 0;
  for (const sentence of sentences) {
    let length = tokensIn(sentence);
    while (length < target * 0.85 && added < MAX_ADDED_CLAUSES && unused.length > 0) {
      const [clause] = unused.splice(Math.floor(options.random() * unused.length), 1) as [string];
      const tokens = tokensOf(clause).length;
      if (length + tokens - target > target - length) break;
      const last = sentence.at(-1) as Clause;
      sentence.splice(
        sentence.length - 1,
        1,
        { ...last, end: undefined },
        { text: clause, tokens, end: last.end },
      );
      length += tokens;
      added++;
    }
  }

  const keepCase = (clause: string) =>
    options.names.some((name) => name !== '' && clause.startsWith(name)) || /^I\b/u.test(clause);
  const opening = (clause: string) =>
    prose.cased ? `${clause.charAt(0).toUpperCase()}${clause.slice(1)}` : clause;
  const inner = (clause: string) =>
    prose.cased && !keepCase(clause) ? `${clause.charAt(0).toLowerCase()}${clause.slice(1)}` : clause;

  return sentences
    .map((sentence) => {
      let out = opening(sentence[0]?.text ?? '');
      for (let i = 1; i < sentence.length; i++) {
        const before = sentence[i - 1] as Clause;
        const clause = sentence[i] as Clause;
        out += before.end ? `${style.join}${inner(clause.text)}` : `${style.comma}${inner(clause.text)}`;
      }
      const end = sentence.at(-1)?.end;
      return `${out}${end || prose.stop}`;
    })
    .join(prose.gap);
}

/**
 * The chance that the next beat is a line of dialogue: the sample's dialogue share, pushed up or down by how
 * far the recent beats are from it, so the story's share moves toward the sample's.
 */
export function dialogueChance(profile: StyleProfile, recent: readonly Beat[]): number {
  const prose = beatsAsProse(recent);
  const target = profile.dialogueShare;
  const now = prose === '' ? target : profileOf(prose).dialogueShare;
  return Math.min(0.95, Math.max(0.02, target + (target - now)));
}

/**
 * Of the candidate drafts, the one after which the recent beats read closest to the style's profile (the
 * first of equals): the choice that moves the story's word mix and variety toward the sample's.
 */
export function closestToStyle<T>(
  profile: StyleProfile,
  recent: readonly Beat[],
  candidates: readonly [T, ...T[]],
  asBeat: (candidate: T) => { kind: string; text: string },
): T {
  let best = candidates[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  const before = beatsAsProse(recent);
  for (const candidate of candidates) {
    const added = beatsAsProse([asBeat(candidate)]);
    const text = before && added ? `${before}\n${added}` : before || added;
    const distance = styleDistance(profile, profileOf(text)).total;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
