import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/commands/index.ts';
import { quoteHint } from '../../../src/commands/text/quote-hint.ts';
import { hostileLine, withinBound } from '../../helpers/hostile-text.ts';
import { shownText } from '../run-as.ts';

const RUNS = 1000;

describe('the quoting hint on hostile words', () => {
  it(`names the option as it was read, or stays silent, in bounded time (${RUNS} runs)`, () => {
    const sceneNew = commands.find((command) => command.name === 'scene new');
    if (!sceneNew) throw new Error('scene new is missing');
    const positional = fc.array(
      fc.record({
        name: fc.constantFrom('heading', 'description', 'other'),
        text: hostileLine({ maxLength: 300 }),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.constantFrom('scene.heading', 'text.long', '__proto__'), positional, (code, entries) => {
        const hint = withinBound(() => quoteHint(code, sceneNew, entries), 'quoteHint');
        if (hint === undefined) return;
        const read = entries.find((entry) => entry.name === 'heading');
        expect(shownText(hint)).toContain(`read as just "${read?.text}"`);
      }),
      { numRuns: RUNS },
    );
  });
});
