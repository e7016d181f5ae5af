// The style section on hostile samples and notes: within its token allowance for any budget, quick, the same
// bytes every time, and never able to close the story-material fence early.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capToTokens } from '../../../src/llm/prompt/assemble-prompt.ts';
import { MATERIAL_CLOSE } from '../../../src/llm/prompt/story-material.ts';
import { styleSection } from '../../../src/llm/prompt/style-section.ts';
import { estimateTokens } from '../../../src/llm/prompt/token-estimate.ts';
import type { RoomStyle } from '../../../src/story/types.ts';
import { hostileText, noSurrogateSplit, textAroundLimits, withinBound } from '../../helpers/hostile-text.ts';

const style = fc.record(
  {
    sample: fc.oneof(hostileText({ maxLength: 2000 }), textAroundLimits(2000)),
    notes: fc.oneof(hostileText({ maxLength: 300 }), textAroundLimits(300)),
  },
  { requiredKeys: [] },
);

describe('style section on hostile text', () => {
  it('fits its allowance, is deterministic, and keeps the fence closed by us only', () => {
    fc.assert(
      fc.property(style, fc.integer({ min: 0, max: 3000 }), (parts, maxTokens) => {
        const room: RoomStyle = { ...parts, setBy: { kind: 'system' }, at: '2026-01-01T00:00:00.000Z' };
        const section = withinBound(() => styleSection(room, maxTokens, capToTokens), 'styleSection');
        if (section === '') return;
        expect(estimateTokens(section)).toBeLessThanOrEqual(Math.max(maxTokens, 1));
        // A fresh object with the same style gives the same bytes (no hidden state).
        expect(styleSection({ ...room }, maxTokens, capToTokens)).toBe(section);
        const closes = section.split(MATERIAL_CLOSE).length - 1;
        const fenced = (parts.notes ? 1 : 0) + (parts.sample ? 1 : 0);
        expect(closes).toBeLessThanOrEqual(fenced);
        expect(noSurrogateSplit(section, parts.sample ?? '', parts.notes ?? '')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
