// What every platform's character voices need besides posting: the names a reply points to (each speaker
// once, as their cue reads), and a character's name made fit to post under.
import type { Beat } from '../../story/types.ts';

/** The speakers of these lines, each once, in order, in capitals as their cue reads. */
export const voicedNames = (beats: readonly Beat[]): string[] => [
  ...new Set(beats.map((beat) => (beat.character ?? '').toUpperCase())),
];

/** Stands in for a character whose name has nothing left to show. */
const NAMELESS = 'someone';

/**
 * A name to post under: one line, without control characters or bidirectional overrides (which could make a
 * name read as another), at most `max` code points (never half a surrogate pair), never empty. Joiners stay,
 * so emoji sequences in a name keep their shape.
 */
export function speakerName(name: string, max: number): string {
  const line = name
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(line).slice(0, max).join('').trim() || NAMELESS;
}
