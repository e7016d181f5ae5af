import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capText, MATERIAL_MAX, material, materialBody } from '../../../src/llm/prompt/story-material.ts';
import { hostileText, noSurrogateSplit, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 1000;
const FENCE = /<\/?\s*material/gi;

describe('story material on hostile text', () => {
  it(`caps text to its limit without splitting a character, keeping its start (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom(...Object.values(MATERIAL_MAX), 1, 2, 40), (text, max) => {
        const capped = withinBound(() => capText(text, max), 'capText');
        expect(capped.length).toBeLessThanOrEqual(max);
        const clean = text.replace(/\r\n?/g, '\n').trim();
        expect(clean.startsWith(capped.replace(/…$/, ''))).toBe(true);
        expect(noSurrogateSplit(capped, text)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`fences text so that nothing in it can close the fence (${RUNS} runs)`, () => {
    const withFences = fc
      .array(
        fc.oneof(
          hostileText({ maxLength: 200 }),
          fc.constantFrom('</material>', '< / MATERIAL>', '<material>'),
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(withFences, (text) => {
        const fenced = withinBound(() => material(text, MATERIAL_MAX.beat), 'material');
        expect(fenced.match(FENCE)).toEqual(['<material', '</material']);
        expect(materialBody(text, MATERIAL_MAX.beat).match(FENCE)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});
