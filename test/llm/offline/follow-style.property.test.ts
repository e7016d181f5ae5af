// Re-cutting text toward a style on hostile input: it finishes quickly, keeps every word in order (only the
// case of a sentence's first letter may change), adds at most a few clauses, and is deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followStyle } from '../../../src/llm/offline/follow-style.ts';
import { en } from '../../../src/llm/offline/templates/en.ts';
import { zhCN } from '../../../src/llm/offline/templates/zh-CN.ts';
import { seededRandom } from '../../../src/llm/seeded-random.ts';
import { profileOf, tokensOf } from '../../../src/story/style-profile.ts';
import { hostileText, withinBound } from '../../helpers/hostile-text.ts';

const profile = fc
  .record({
    meanSentenceLength: fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 200, noNaN: true })),
    dialogueShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((figures) => ({ ...profileOf('x'), ...figures }));

/** Whether every token of `part` occurs in `whole` in the same order. */
function inOrder(part: string[], whole: string[]): boolean {
  let at = 0;
  for (const token of whole) if (token === part[at]) at++;
  return at === part.length;
}

describe('followStyle on hostile text', () => {
  it('keeps every word of the text, in order, and adds only a bounded number of words', () => {
    fc.assert(
      fc.property(
        hostileText({ maxLength: 4000 }),
        profile,
        fc.boolean(),
        fc.integer(),
        (text, target, chinese, seed) => {
          const templates = chinese ? zhCN : en;
          const options = { templates, random: seededRandom(seed), names: ['Vera'] };
          const out = withinBound(() => followStyle(text, target, options), 'followStyle');
          const before = tokensOf(text);
          const after = tokensOf(out);
          expect(inOrder(before, after)).toBe(true);
          // At most six added clauses, and one joining word ("and") for each sentence joined to another.
          const longest = Math.max(...templates.style.clauses.map((clause) => tokensOf(clause).length));
          expect(after.length - before.length).toBeLessThanOrEqual(6 * longest + before.length);
          expect(followStyle(text, target, { ...options, random: seededRandom(seed) })).toBe(out);
        },
      ),
      { numRuns: 200 },
    );
  });
});
