// The model's answers after parsing: whatever text it sends, each task's finish keeps its limits and never cuts
// a character in half (a lone surrogate is not valid text, and breaks JSON and exports downstream).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutText,
  finishCharacter,
  finishCritique,
  finishScene,
  finishSummary,
  SUMMARY_MAX_CHARS,
} from '../../src/llm/output-schemas.ts';
import { withinBound } from '../helpers/hostile-text.ts';

const RUNS = 500;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Valid Unicode with astral characters, emoji sequences and combining marks, often past the limits. */
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(
        '🙂',
        '👩‍💻',
        '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
        'e\u0301',
        '𝒜',
        '林',
      ),
      fc.string({ unit: fc.constantFrom('🙂', 'x', ' ', '林', '\u0301'), minLength: 250, maxLength: 700 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => `a${parts.join('')}`);

const expectCut = (out: string, max: number) => {
  expect(out.length).toBeLessThanOrEqual(max);
  expect(out).not.toMatch(LONE_SURROGATE);
};

describe('cutText', () => {
  it(`keeps a prefix of whole clusters within the limit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 800 }), (input, max) => {
        const out = withinBound(() => cutText(input, max), 'cutText');
        expectCut(out, max);
        expect(input.startsWith(out)).toBe(true);
        if (input.length <= max) expect(out).toBe(input);
        else expect(out.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('never splits a surrogate pair at the limit', () => {
    expect(cutText(`${'x'.repeat(299)}🙂`, 300)).toBe('x'.repeat(299));
    expect(cutText(`${'x'.repeat(298)}👩‍💻`, 300)).toBe('x'.repeat(298));
  });
});

describe("the finish of each task's answer", () => {
  it(`keeps the scene, character, critique and summary limits without splitting characters (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(text, text, text, text, (a, b, c, d) => {
        const scene = finishScene({ heading: 'INT. DINER - NIGHT', description: a });
        expect(scene.ok).toBe(true);
        if (scene.ok) expectCut(scene.value.description, 300);

        const character = finishCharacter([])({
          name: 'Zed',
          look: a,
          personality: b,
          backstory: c,
          sampleLine: d,
        });
        expect(character.ok).toBe(true);
        if (character.ok) {
          expectCut(character.value.look, 300);
          expectCut(character.value.personality, 300);
          expectCut(character.value.backstory, 600);
          expectCut(character.value.sampleLine, 300);
        }

        const score = { score: 7, comment: a };
        const critique = finishCritique({
          structure: score,
          pacing: score,
          characterConsistency: score,
          dialogue: score,
          suggestions: [b, c, d],
        });
        expect(critique.ok).toBe(true);
        if (critique.ok) {
          expectCut(critique.value.structure.comment, 500);
          for (const suggestion of critique.value.suggestions) expectCut(suggestion, 300);
        }

        const summary = finishSummary({ text: (a + b + c + d).repeat(3) });
        expect(summary.ok).toBe(true);
        if (summary.ok) expectCut(summary.value.text, SUMMARY_MAX_CHARS);
      }),
      { numRuns: RUNS },
    );
  });
});
