// Unicode TR39 confusable skeletons: two strings whose skeletons are equal look alike ("Vera" with a
// Cyrillic "а" has the skeleton of "Vera"). The prototype mapping is confusables.txt, as shipped by the
// unhomoglyph package (one source code point -> its prototype string).
import prototypes from 'unhomoglyph/data.json' with { type: 'json' };
import { foldKey } from './normalize-text.ts';
import { isMixedScript, shareScript } from './script-sets.ts';

const PROTOTYPE: ReadonlyMap<string, string> = new Map(Object.entries(prototypes as Record<string, string>));
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** TR39 skeleton(X): NFD, drop default-ignorables, map each code point to its prototype, NFD again. */
function skeletonOnce(text: string): string {
  let out = '';
  for (const char of text.normalize('NFD').replace(IGNORABLE, '')) out += PROTOTYPE.get(char) ?? char;
  return out.normalize('NFD');
}

/**
 * The skeleton, taken again until it no longer changes: one pass is not always stable (㈝ becomes "(오전)",
 * whose decomposed jamo have prototypes of their own), and a stable form makes equal-looking names compare
 * equal whichever form they arrive in. Each pass is linear; prototypes settle within a few passes.
 */
export function confusableSkeleton(text: string): string {
  let current = skeletonOnce(text);
  for (let pass = 0; pass < 4; pass++) {
    const next = skeletonOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Whether two names would be taken for each other, as written or ignoring case. */
export function looksAlike(a: string, b: string): boolean {
  return (
    confusableSkeleton(a) === confusableSkeleton(b) ||
    confusableSkeleton(foldKey(a)) === confusableSkeleton(foldKey(b))
  );
}

/**
 * How two names that look alike (looksAlike) are confusable, after TR39 §5: `mixed-script` when either mixes
 * scripts (Latin "Vera" with a Cyrillic "е"), `whole-script` when each is written in one script and they share
 * none (Latin "Pax", Cyrillic "Рах"), `single-script` when they are written in the same script ("Dorn" and
 * "Dom", "Al" and "AI"): different names that a reader tells apart by reading them.
 */
export type Confusable = 'mixed-script' | 'whole-script' | 'single-script';

export function confusableKind(a: string, b: string): Confusable {
  if (isMixedScript(a) || isMixedScript(b)) return 'mixed-script';
  return shareScript(a, b) ? 'single-script' : 'whole-script';
}
