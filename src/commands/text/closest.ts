// "Did you mean …?": the candidate nearest to what was typed, by edit distance (a swap of two neighbouring
// letters counts as one edit, so "titel" finds "title").

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * How many edits still count as a typo of a word this long: about one in three letters, so a suggestion is
 * genuinely close ("quit" is two edits from "edit", half the word, and gets no "Did you mean").
 */
export const typoLimit = (length: number) => (length <= 4 ? 1 : length <= 7 ? 2 : 3);

/** The candidate closest to `typed` within a typo's distance, or undefined. Ties go to the earlier one. */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase().slice(0, 60);
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= typoLimit(name.length) && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}
