import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseModelJson, stripReasoning } from '../../src/llm/parse-model-json.ts';
import { hostileText, withinBound } from '../helpers/hostile-text.ts';

const RUNS = 600;
const schema = z.object({ text: z.string(), options: z.array(z.string()) });

describe('reading a model reply from hostile text', () => {
  it(`finds the object inside fences and reasoning, strings intact (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        hostileText(),
        fc.array(hostileText({ maxLength: 100 }), { maxLength: 5 }),
        fc.constantFrom(
          ['', ''],
          ['```json\n', '\n```'],
          ['<think>a { b } c</think>', ''],
          ['Here: ', ' Done.'],
        ),
        (text, options, [before, after]) => {
          const reply = `${before}${JSON.stringify({ text, options })}${after}`;
          const parsed = withinBound(() => parseModelJson(reply, schema), 'parseModelJson');
          expect(parsed).toEqual({ ok: true, value: { text, options } });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`answers anything else with a short problem, never a throw (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 5000 }), (reply) => {
        const parsed = withinBound(() => parseModelJson(reply, schema), 'parseModelJson');
        if (!parsed.ok) expect(parsed.problem.length).toBeLessThan(1000);
        withinBound(() => stripReasoning(`<think>${reply}`.repeat(20)), 'stripReasoning');
      }),
      { numRuns: RUNS },
    );
  });
});
