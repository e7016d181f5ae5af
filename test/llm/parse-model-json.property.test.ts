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

  it(`strips reasoning as the lazy regex did, in linear time (${RUNS} runs)`, () => {
    const piece = fc.oneof(
      fc.constantFrom('<think>', '</think>', '<think', 'think>', '</', '<'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(stripReasoning(text)).toBe(text.replace(/<think>[\s\S]*?<\/think>/g, '').trim());
      }),
      { numRuns: RUNS },
    );
  });

  it('strips 20,000 unclosed <think> tags (160,000 characters) in linear time', () => {
    // The lazy regex took 3.6 s on this: each unclosed tag was searched to the end again.
    const text = `<think>x</think>{"a":1}${'<think>a'.repeat(20_000)}`;
    const started = performance.now();
    const stripped = stripReasoning(text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(stripped).toBe(text.slice('<think>x</think>'.length));
  });
});
