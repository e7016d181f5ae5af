// The memory targets, checked on the benchmark's generated 1,000-beat story (deterministic, no timing).
import { describe, expect, it } from 'vitest';
import { memoryFigures } from '../../bench/llm.ts';

describe('long-story memory on a generated 1,000-beat story', () => {
  const { figures } = memoryFigures();

  it('keeps the prompt for beat 1,000 within 1.2 times the prompt for beat 50, inside the budget', () => {
    expect(figures.promptGrowth.ratio).toBeLessThanOrEqual(1.2);
    expect(figures.promptGrowth.maxTokensOver1000Beats).toBeLessThanOrEqual(
      figures.promptGrowth.budgetTokens,
    );
  });

  it('recalls at least 90% of planted facts, three times a last-N window of the same size', () => {
    expect(figures.recall.assembled).toBeGreaterThanOrEqual(0.9);
    expect(figures.recall.assembled).toBeGreaterThanOrEqual(3 * figures.recall.lastNWindow);
  });

  it('starts each prompt with at least 80% of the previous one (median over 200 beats)', () => {
    expect(figures.prefixReuse.median).toBeGreaterThanOrEqual(0.8);
  });
});
