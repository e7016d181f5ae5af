import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/commands/index.ts';
import { COMMAND_TEXT_MAX, parseCommandText } from '../../../src/commands/text/parse-command-text.ts';
import { hostileLine, textAroundLimits, withinBound } from '../../helpers/hostile-text.ts';
import { shownText } from '../run-as.ts';

const RUNS = 1000;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)\p{Cc}/u;

const line = fc.oneof(
  hostileLine({ maxLength: 5000 }),
  fc
    .tuple(fc.constantFrom(...commands.map((command) => command.name)), hostileLine({ maxLength: 1200 }))
    .map(([name, rest]) => `/${name} ${rest}`),
  textAroundLimits(COMMAND_TEXT_MAX).map((text) => `/action ${text}`),
);

describe('the slash-grammar parser on hostile lines', () => {
  it(`reads options the command has, or answers with a short readable message (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(line, (text) => {
        const parsed = withinBound(() => parseCommandText(text, commands), 'parseCommandText');
        if (parsed.ok) {
          const names = Object.keys(parsed.command.options.shape);
          for (const [key, value] of Object.entries(parsed.options)) {
            expect(names).toContain(key);
            expect(value.length).toBeLessThanOrEqual(COMMAND_TEXT_MAX);
          }
        } else {
          const message = shownText(parsed.message);
          expect(message.trim().length).toBeGreaterThan(10);
          expect(message.length).toBeLessThan(600);
          expect(message).not.toMatch(CONTROL_EXCEPT_NEWLINE);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
