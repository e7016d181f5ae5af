// The memory targets, checked on the benchmark's generated 1,000-beat story (deterministic, no timing).
import { describe, expect, it } from 'vitest';
import { memoryFigures } from '../../bench/llm.ts';

describe('long-story memory on a generated 1,000-beat story', () => {
  const figures = memoryFigures();

  it('keeps the prompt for beat 1,000 within 1.2 times the prompt for beat 50, inside the budget', () => {
    expect(figures.promptGrowth.ratio).toBeLessThanOrEqual(1.2);
    expect(figures.promptGrowth.maxTokensOver1000Beats).toBeLessThanOrEqual(
      figures.promptGrowth.budgetTokens,
    );
  });

  it('plants every fact in the first quarter of the story and asks about it in the last 30%', () => {
    expect(figures.recall.facts).toBeGreaterThanOrEqual(40);
    expect(figures.recall.plantedByBeat).toBeLessThanOrEqual(250);
    expect(figures.recall.askedFromBeat).toBeGreaterThan(700);
  });

  it('recalls at least 90% of them, three times a plain last-N window given the whole prompt budget', () => {
    expect(figures.recall.lastNWindow.tokens).toBe(figures.promptGrowth.budgetTokens);
    expect(figures.recall.assembled.share).toBeGreaterThanOrEqual(0.9);
    expect(figures.recall.assembled.share).toBeGreaterThanOrEqual(3 * figures.recall.lastNWindow.share);
    for (const share of Object.values(figures.recall.assembled.byKind))
      expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it('starts each prompt with at least 80% of the previous one (median over 200 beats)', () => {
    expect(figures.prefixReuse.median).toBeGreaterThanOrEqual(0.8);
  });
});
