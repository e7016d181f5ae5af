import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beatTask } from '../../../src/llm/narration-tasks.ts';
import { assemblePrompt, capToTokens } from '../../../src/llm/prompt/assemble-prompt.ts';
import { estimateTokens } from '../../../src/llm/prompt/token-estimate.ts';
import { UserError } from '../../../src/story/errors.ts';
import { hostileLine, hostileText, noSurrogateSplit, withinBound } from '../../helpers/hostile-text.ts';
import { addCharacter, roomBuilder } from '../fixtures.ts';

const RUNS = 200;

describe('the prompt from hostile material', () => {
  it(`caps text to a token budget, keeping its start or end whole (${RUNS * 3} runs)`, () => {
    fc.assert(
      fc.property(
        hostileText(),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom('start', 'end'),
        (text, max, keep) => {
          const capped = withinBound(() => capToTokens(text, max, keep as 'start'), 'capToTokens');
          expect(estimateTokens(capped)).toBeLessThanOrEqual(max);
          const body = capped.replace(keep === 'start' ? /…$/ : /^…/, '');
          expect(keep === 'start' ? text.startsWith(body) : text.endsWith(body)).toBe(true);
          expect(noSurrogateSplit(capped, text)).toBe(true);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it(`stays within its budget with fences intact, whatever the story holds (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(hostileText({ maxLength: 1000 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(hostileLine({ maxLength: 40 }), hostileText({ maxLength: 1000 })), {
          maxLength: 4,
        }),
        fc.option(hostileText({ maxLength: 1000 }), { nil: undefined }),
        fc.constantFrom(4096, 8192, 32_768),
        (beats, cast, direction, contextTokens) => {
          const builder = roomBuilder();
          for (const [i, [name, description]] of cast.entries())
            addCharacter(builder, `${name}${i}`, description);
          for (const text of beats) builder.beat(text);
          const room = builder.room;
          const budget = { contextTokens, maxReplyTokens: 512 };
          let prompt: ReturnType<typeof assemblePrompt>;
          try {
            prompt = withinBound(
              () => assemblePrompt(room, beatTask({ room, direction }), budget),
              'assemblePrompt',
            );
          } catch (error) {
            // Notes and canon that cannot fit are refused with a message for the people, never cut unnoticed.
            expect(error).toBeInstanceOf(UserError);
            expect((error as UserError).code).toBe('narrator.prompt-too-long');
            return;
          }
          expect(prompt.tokens).toBeLessThanOrEqual(prompt.budget);
          const all = prompt.messages.map((message) => message.content).join('\n');
          const opens = all.match(/<material>/g)?.length ?? 0;
          expect(all.match(/<\/material>/g)?.length ?? 0).toBe(opens);
          expect(noSurrogateSplit(all, ...beats, ...cast.flat(), direction ?? '')).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
