// The style figures (npm run bench), checked here on the offline narrator (deterministic, no timing):
// beats written under each sample's style come closer to it than without, and close enough; and the memory
// targets still hold with a 2,000-character style sample in every prompt.
import { describe, expect, it } from 'vitest';
import { memoryFigures, WITH_STYLE } from '../../bench/llm.ts';
import { generateStory } from '../../bench/llm-story.ts';
import { STYLE_DISTANCE_MAX, styleFigures } from '../../bench/style.ts';
import { beatTask } from '../../src/llm/narration-tasks.ts';
import { assemblePrompt } from '../../src/llm/prompt/assemble-prompt.ts';
import type { EventBody, StoryEvent } from '../../src/story/events.ts';
import { applyEvent } from '../../src/story/reduce.ts';

describe('style distance on the offline narrator', () => {
  it('brings every sample’s beats closer to it with the style than without, within the target', async () => {
    const figures = await styleFigures();
    expect(figures.samples.map((s) => s.sample)).toEqual([
      'en-terse',
      'en-ornate',
      'en-dialogue',
      'zh-terse',
      'zh-ornate',
      'zh-dialogue',
    ]);
    for (const sample of figures.samples) {
      expect(sample.withStyle.total, sample.sample).toBeLessThan(sample.withoutStyle.total);
      expect(sample.withStyle.total, sample.sample).toBeLessThanOrEqual(STYLE_DISTANCE_MAX);
    }
    expect(figures.meetsTarget).toBe(true);
  });
});

describe('long-story memory with a 2,000-character style sample', () => {
  const figures = memoryFigures(WITH_STYLE);

  it('keeps prompt growth within 1.2 and inside the budget', () => {
    expect(figures.promptGrowth.ratio).toBeLessThanOrEqual(1.2);
    expect(figures.promptGrowth.maxTokensOver1000Beats).toBeLessThanOrEqual(
      figures.promptGrowth.budgetTokens,
    );
  });

  it('still recalls at least 90% of the planted facts', () => {
    expect(figures.recall.assembled.share).toBeGreaterThanOrEqual(0.9);
  });

  it('starts each prompt with at least 80% of the previous one (median over 200 beats)', () => {
    expect(figures.prefixReuse.median).toBeGreaterThanOrEqual(0.8);
  });

  it('measures prompts that carry a style sample of about 2,000 characters', () => {
    const [event] = WITH_STYLE.before;
    const sample = event?.type === 'style.set' ? (event.style.sample ?? '') : '';
    expect(sample.length).toBeGreaterThan(1990);
    expect(sample.length).toBeLessThanOrEqual(2000);
    const story = generateStory({ beats: 10 });
    applyEvent(story.room, {
      ...(event as EventBody),
      v: 3,
      seq: story.room.seq + 1,
      at: '2026-01-01T00:00:00.000Z',
      actor: { kind: 'system' },
    } as StoryEvent);
    const prompt = assemblePrompt(story.room, beatTask({ room: story.room }), {
      contextTokens: 8192,
      maxReplyTokens: 1024,
    });
    expect(prompt.sections.bible).toContain(sample);
  });
  it('measures prompts that also carry the audience line, from reactions on every beat', () => {
    const story = generateStory({ beats: 30 });
    const craft = WITH_STYLE;
    for (let beat = 1; beat <= 3; beat++) {
      story.addBeat(beat);
      for (const body of craft.afterBeat?.(story.room, beat) ?? []) {
        applyEvent(story.room, {
          actor: { kind: 'system' },
          ...(body as EventBody),
          v: 3,
          seq: story.room.seq + 1,
          at: '2026-01-01T00:00:00.000Z',
        } as StoryEvent);
      }
    }
    expect(Object.keys(story.room.reactions ?? {})).toHaveLength(3);
    const prompt = assemblePrompt(story.room, beatTask({ room: story.room }), {
      contextTokens: 8192,
      maxReplyTokens: 1024,
    });
    const text = prompt.messages.map((m) => m.content).join('\n');
    expect(text).toMatch(/AUDIENCE: \d+ reactions? on the last/);
  });
});
