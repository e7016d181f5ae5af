import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldStreamer } from '../../src/llm/json-field-streamer.ts';
import { hostileText, withinBound } from '../helpers/hostile-text.ts';

const RUNS = 600;

/** The text cut into deltas at the given positions, as a stream delivers it. */
function deltas(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at, text.length].slice(1).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
}

describe('streaming a field out of hostile JSON', () => {
  it(`gives exactly the field's text, however the reply is cut into deltas (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        hostileText(),
        hostileText({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 50 }),
        fc.constantFrom('', '```json\n', '<think>{"text":"no"}</think>\n', 'Sure! '),
        (text, other, cuts, preamble) => {
          const reply = `${preamble}${JSON.stringify({ kind: 'action', note: { text: other }, text, after: [other] })}`;
          const feed = createFieldStreamer('text');
          const shown = withinBound(() => deltas(reply, cuts).map(feed).join(''), 'the field streamer');
          expect(shown).toBe(text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`shows an array field one item per line (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(hostileText({ maxLength: 300 }), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, cuts) => {
          const feed = createFieldStreamer('options');
          const reply = JSON.stringify({ options: items, text: 'x' });
          expect(deltas(reply, cuts).map(feed).join('')).toBe(items.join('\n'));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`never throws on any bytes a model might send (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileText({ maxLength: 500 }), { maxLength: 10 }), (chunks) => {
        const feed = createFieldStreamer('text');
        withinBound(() => chunks.map(feed).join(''), 'the field streamer');
      }),
      { numRuns: RUNS },
    );
  });
});
