// The room's style in the narrator's prompt: in every prompt that writes story text and not in the rolling
// summary's, at the end of the story bible (the stable part), byte-identical from one beat to the next,
// inside the token budget even with a 2,000-character sample, and never dropped as the story grows.
import { describe, expect, it } from 'vitest';
import {
  beatTask,
  characterTask,
  critiqueTask,
  lineTask,
  optionsTask,
  sceneTask,
  summaryTask,
} from '../../src/llm/narration-tasks.ts';
import { assemblePrompt } from '../../src/llm/prompt/assemble-prompt.ts';
import { summaryDue } from '../../src/llm/prompt/memory-plan.ts';
import { STYLE_SHARE } from '../../src/llm/prompt/style-section.ts';
import { estimateTokens } from '../../src/llm/prompt/token-estimate.ts';
import type { RoomState } from '../../src/story/types.ts';
import { addCharacter, type RoomBuilder, roomBuilder } from './fixtures.ts';

const budget = { contextTokens: 8192, maxReplyTokens: 1024 };
const SAMPLE = 'He ran. It was cold. “Stop,” she said. The car would not start. Nobody came.';
const NOTES = 'Short sentences, no adverbs, dry humour';

function styledRoom(options: { language?: string; sample?: string } = {}): RoomBuilder {
  const builder = roomBuilder({ language: options.language });
  addCharacter(builder, 'Vera', 'A safecracker.');
  builder.apply({ type: 'style.set', style: { sample: options.sample ?? SAMPLE, notes: NOTES } });
  builder.beat('INT. DINER - NIGHT', { kind: 'scene' });
  builder.beat('Vera waits by the window.');
  return builder;
}

const userText = (room: RoomState, task: Parameters<typeof assemblePrompt>[1]) =>
  assemblePrompt(room, task, budget)
    .messages.map((m) => m.content)
    .join('\n');

describe('the style in the prompt', () => {
  it('is in the prompt of every task that writes story text, and not in the summary’s', () => {
    const { room } = styledRoom();
    const tasks = {
      beat: beatTask({ room }),
      line: lineTask({ room, character: 'Vera' }),
      options: optionsTask({ room, count: 3 }),
      scene: sceneTask({ room }),
      character: characterTask({ room }),
      critique: critiqueTask({ room }),
    };
    for (const [name, task] of Object.entries(tasks)) {
      const text = userText(room, task);
      expect(text, name).toContain(SAMPLE);
      expect(text, name).toContain(NOTES);
      expect(text, name).toContain('ROOM STYLE');
      expect(text, name).toContain('sentences average 3 words; dialogue is 8% of the text');
    }
    const fold = { beats: Object.values(room.beats) };
    const summary = userText(room, summaryTask(room, fold));
    expect(summary).not.toContain(SAMPLE);
    expect(summary).not.toContain('ROOM STYLE');
  });

  it('ends the story bible, before the summary and the beats, fenced as story material', () => {
    const { room } = styledRoom();
    const prompt = assemblePrompt(room, beatTask({ room }), budget);
    expect(prompt.sections.bible).toMatch(/^STORY BIBLE\n/);
    expect(prompt.sections.bible).toContain(`<material>\n${SAMPLE}\n</material>`);
    expect(prompt.sections.bible).toContain(`Notes: <material>${NOTES}</material>`);
    const user = prompt.messages[1]?.content ?? '';
    expect(user.indexOf(SAMPLE)).toBeLessThan(user.indexOf('RECENT BEATS'));
  });

  it('keeps the prompt byte-identical up to the beats from one beat to the next', () => {
    const builder = styledRoom();
    const prompts: string[] = [];
    for (let i = 0; i < 6; i++) {
      prompts.push(userText(builder.room, beatTask({ room: builder.room, direction: `Direction ${i}` })));
      builder.beat(`Beat ${i}: Vera counts the seconds.`);
    }
    for (let i = 1; i < prompts.length; i++) {
      const [previous, current] = [prompts[i - 1] as string, prompts[i] as string];
      const stable = previous.slice(0, previous.indexOf('RECENT BEATS'));
      expect(stable).toContain(SAMPLE);
      expect(current.startsWith(stable)).toBe(true);
    }
  });

  it('stays inside the budget with a 2,000-character sample, in English and in Chinese', () => {
    const english = 'The harbour lay flat as hammered pewter, and the gulls had gone quiet. '
      .repeat(30)
      .slice(0, 2000);
    const chinese = '港口像一块敲平的锡板，海鸥都安静了下来。'.repeat(100).slice(0, 2000);
    for (const [language, sample] of [
      ['en', english],
      ['zh-CN', chinese],
    ] as const) {
      for (const small of [
        { contextTokens: 8192, maxReplyTokens: 1024 },
        { contextTokens: 2048, maxReplyTokens: 512 },
      ]) {
        const { room } = styledRoom({ language, sample });
        const prompt = assemblePrompt(room, beatTask({ room }), small);
        const total = small.contextTokens - small.maxReplyTokens;
        expect(prompt.tokens, `${language} ${total}`).toBeLessThanOrEqual(total);
        const style = prompt.sections.bible.slice(prompt.sections.bible.indexOf('ROOM STYLE'));
        expect(estimateTokens(style)).toBeLessThanOrEqual(Math.floor(total * STYLE_SHARE));
        // The sample keeps its start when it has to give way.
        expect(style).toContain(sample.slice(0, 30));
        expect(style).toContain(NOTES);
      }
    }
  });

  it('is never dropped as the story grows and the summary takes over the older beats', () => {
    const builder = styledRoom();
    for (let i = 0; i < 300; i++) {
      builder.beat(`Beat ${i}: the rain keeps falling on the tin roof while nobody speaks at all.`);
      for (let plan = summaryDue(builder.room); plan; plan = summaryDue(builder.room)) {
        builder.apply({
          type: 'summary.updated',
          text: `Summary through beat ${plan.beatCount}.`,
          throughBeatId: plan.throughBeatId,
          beatCount: plan.beatCount,
        });
      }
    }
    const prompt = assemblePrompt(builder.room, beatTask({ room: builder.room }), budget);
    expect(prompt.sections.summary).toContain('Summary through beat');
    expect(prompt.sections.bible).toContain(SAMPLE);
    expect(prompt.tokens).toBeLessThanOrEqual(budget.contextTokens - budget.maxReplyTokens);
  });

  it('leaves the prompt as it was without a style, and goes again once cleared', () => {
    const plain = roomBuilder();
    addCharacter(plain, 'Vera', 'A safecracker.');
    const styled = styledRoom();
    styled.apply({ type: 'style.cleared' });
    const a = assemblePrompt(plain.room, beatTask({ room: plain.room }), budget).sections.bible;
    const b = assemblePrompt(styled.room, beatTask({ room: styled.room }), budget).sections.bible;
    expect(a).toBe(b);
    expect(b).not.toContain('ROOM STYLE');
  });
});
