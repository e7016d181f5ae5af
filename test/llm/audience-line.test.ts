// The prompt's one line on how the audience received the recent story: present, bounded, at the volatile
// end (so the cached prefix holds), absent without reactions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beatTask, critiqueTask } from '../../src/llm/narration-tasks.ts';
import { assemblePrompt } from '../../src/llm/prompt/assemble-prompt.ts';
import { AUDIENCE_LINE_TOKENS, audienceLine } from '../../src/llm/prompt/audience-line.ts';
import { estimateTokens } from '../../src/llm/prompt/token-estimate.ts';
import type { Author } from '../../src/story/types.ts';
import { hostileText, withinBound } from '../helpers/hostile-text.ts';
import { addCharacter, roomBuilder } from './fixtures.ts';

const person = (n: number): Author => ({ kind: 'user', id: `u${n}`, name: `P${n}` });
const budget = { contextTokens: 8192, maxReplyTokens: 1024 };

function reactedRoom() {
  const builder = roomBuilder();
  addCharacter(builder, 'Vera', 'A safecracker.');
  addCharacter(builder, 'Sam', 'The driver.');
  builder.beat('INT. VAULT - NIGHT', { kind: 'scene' });
  builder.beat('Vera cracks the safe with one ear to the steel.');
  builder.beat('I never liked this plan.', { character: 'Sam' });
  builder.beat('Sirens, far away.');
  for (let n = 1; n <= 4; n++)
    builder.apply({ type: 'reaction.added', beatId: 'b5', emoji: n % 2 ? '👍' : '🔥' }, person(n));
  builder.apply({ type: 'reaction.added', beatId: 'b6', emoji: '👎' }, person(1));
  builder.apply({ type: 'reaction.added', beatId: 'b6', emoji: '😴' }, person(2));
  builder.apply({ type: 'reaction.added', beatId: 'b7', emoji: '😮' }, person(3));
  return builder;
}

describe('the audience line', () => {
  it('is absent when nobody has reacted', () => {
    const builder = roomBuilder();
    builder.beat('A quiet start.');
    expect(audienceLine(builder.room)).toBe('');
    const prompt = assemblePrompt(builder.room, beatTask({ room: builder.room }), budget);
    expect(prompt.sections.tail).not.toContain('AUDIENCE');
  });

  it('names the most and least liked beats and characters, in one short line', () => {
    const line = audienceLine(reactedRoom().room);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('AUDIENCE: 7 reactions on the last 4 beats (4 positive, 2 negative).');
    expect(line).toContain('Most liked: beat 2 <material>Vera cracks the safe');
    expect(line).toContain(
      'Least liked: beat 3 <material>SAM: I never liked this plan.</material> (-2 👎😴)',
    );
    expect(line).toContain('Characters: SAM -2.');
    expect(estimateTokens(line)).toBeLessThanOrEqual(AUDIENCE_LINE_TOKENS);
  });

  it('sits in the volatile tail, before the task: a new reaction leaves the cached prefix as it was', () => {
    const builder = reactedRoom();
    const before = assemblePrompt(builder.room, beatTask({ room: builder.room }), budget);
    builder.apply({ type: 'reaction.added', beatId: 'b7', emoji: '❤' }, person(9));
    const after = assemblePrompt(builder.room, beatTask({ room: builder.room }), budget);
    const user = (p: typeof before) => p.messages[1]?.content ?? '';
    const tailStart = user(after).indexOf(after.sections.tail);
    expect(user(after).slice(0, tailStart)).toBe(
      user(before).slice(0, user(before).indexOf(before.sections.tail)),
    );
    expect(after.sections.tail.indexOf('AUDIENCE')).toBeLessThan(after.sections.tail.indexOf('TASK'));
    expect(after.messages[0]).toEqual(before.messages[0]);
    expect(after.sections.tail).not.toBe(before.sections.tail);
  });

  it('reaches /critique, whose task then asks to weigh it', () => {
    const { room } = reactedRoom();
    const prompt = assemblePrompt(room, critiqueTask({ room }), budget);
    expect(prompt.sections.tail).toContain('AUDIENCE: 7 reactions');
    expect(prompt.sections.tail).toContain('The AUDIENCE line above');
  });

  it('stays within its token cap and fenced, whatever the beats, names and emoji hold', () => {
    fc.assert(
      fc.property(
        fc.array(hostileText({ maxLength: 2000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }), {
          minLength: 1,
          maxLength: 8,
        }),
        hostileText({ maxLength: 40 }),
        (texts, emoji, name) => {
          const builder = roomBuilder();
          const speaker = name.trim() || 'X';
          addCharacter(builder, speaker, 'someone');
          for (const [i, text] of texts.entries())
            builder.beat(text || '.', i % 2 ? { character: speaker } : {});
          for (const [i, e] of emoji.entries())
            builder.apply(
              { type: 'reaction.added', beatId: `b${3 + (i % texts.length)}`, emoji: e },
              person(i),
            );
          const line = withinBound(() => audienceLine(builder.room), 'audienceLine');
          expect(estimateTokens(line)).toBeLessThanOrEqual(AUDIENCE_LINE_TOKENS);
          // Beat text can never close the fence early.
          const opens = line.split('<material>').length - 1;
          expect(line.split('</material>').length - 1).toBeLessThanOrEqual(opens);
        },
      ),
      { numRuns: 200 },
    );
  });
});
