// The style profile on hostile text (any Unicode, long unbroken runs, CJK without spaces, markdown specials,
// quotes opened and never closed): it finishes quickly, stays within its bounds, and is deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNCTION_WORDS, profileOf, splitSentences, styleDistance } from '../../src/story/style-profile.ts';
import { hostileText, textAroundLimits, withinBound } from '../helpers/hostile-text.ts';

const quotesSoup = fc.string({
  unit: fc.constantFrom('“', '”', '「', '」', '『', '』', '"', '«', '»', 'a', '。', '.', ' ', '\n'),
  maxLength: 3000,
});
const anyText = fc.oneof(hostileText({ maxLength: 6000 }), textAroundLimits(2000, 4000), quotesSoup);

describe('style profile on hostile text', () => {
  it('finishes quickly with every figure within its bounds', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const profile = withinBound(() => profileOf(text), 'profileOf');
        expect(profile.dialogueShare).toBeGreaterThanOrEqual(0);
        expect(profile.dialogueShare).toBeLessThanOrEqual(1);
        expect(profile.typeTokenRatio).toBeGreaterThanOrEqual(0);
        expect(profile.typeTokenRatio).toBeLessThanOrEqual(1);
        expect(profile.sentences).toBeLessThanOrEqual(profile.tokens);
        expect(profile.meanSentenceLength).toBeLessThanOrEqual(Math.max(profile.tokens, 0));
        if (profile.tokens > 0) expect(profile.meanSentenceLength).toBeGreaterThanOrEqual(1);
        expect(profile.functionWords.length).toBeLessThanOrEqual(FUNCTION_WORDS[profile.unit].length);
        for (const use of profile.functionWords) {
          expect(FUNCTION_WORDS[profile.unit]).toContain(use.word);
          expect(use.per100).toBeGreaterThan(0);
          expect(use.per100).toBeLessThanOrEqual(100);
        }
        expect(JSON.stringify(profile)).not.toContain('null');
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(profileOf(text)).toEqual(profileOf(text));
      }),
      { numRuns: 100 },
    );
  });

  it('cuts text into sentences that give it back whole', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const pieces = withinBound(() => splitSentences(text), 'splitSentences');
        expect(pieces.join('')).toBe(text);
        expect(pieces.every((piece) => piece.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps distances between 0 and 1, symmetric, and 0 from a profile to itself', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const [pa, pb] = [profileOf(a), profileOf(b)];
        const distance = styleDistance(pa, pb);
        for (const part of Object.values(distance)) {
          expect(part).toBeGreaterThanOrEqual(0);
          expect(part).toBeLessThanOrEqual(1);
        }
        expect(styleDistance(pb, pa)).toEqual(distance);
        expect(styleDistance(pa, pa).total).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('handles a 10,000-character run of sentence ends or quotes in linear time', () => {
    for (const unit of ['.', '。', '“', '"', '」', '. ', 'x', '中', '\n']) {
      withinBound(() => profileOf(unit.repeat(10_000)), `profileOf of ${JSON.stringify(unit)}×10,000`);
    }
  });
});
