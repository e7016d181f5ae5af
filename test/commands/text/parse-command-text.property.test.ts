import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackSpelling } from '../../../src/adapters/slack/slack-spelling.ts';
import { commands } from '../../../src/commands/index.ts';
import { COMMAND_TEXT_MAX, parseCommandText } from '../../../src/commands/text/parse-command-text.ts';
import { hostileLine, textAroundLimits, withinBound } from '../../helpers/hostile-text.ts';
import { shownText } from '../run-as.ts';

const RUNS = 1000;
/**
 * Messages for a line whose first word names no command, with a fixed example ("Type /help"): Slack never
 * parses one (its line starts with the slash command's own name; an unknown one it answers itself).
 */
const NO_COMMAND = new Set([
  'commands.text.empty',
  'commands.text.quoted-name',
  'commands.text.no-command',
  'commands.text.no-command-guess',
]);
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

  it(`reads a line the same with a platform's spelling, whose messages name commands only as typed there (${RUNS} runs)`, () => {
    const spelling = slackSpelling('sr-');
    const tops = [...new Set(commands.map((command) => command.name.split(' ')[0]))];
    const unspelled = new RegExp(`(?<![\\w-])/(?:${tops.join('|')})\\b`);
    fc.assert(
      fc.property(line, (text) => {
        const plain = parseCommandText(text, commands);
        const spelled = withinBound(() => parseCommandText(text, commands, spelling), 'parseCommandText');
        expect(spelled.ok).toBe(plain.ok);
        if (spelled.ok && plain.ok) {
          expect(spelled.command).toBe(plain.command);
          expect(spelled.options).toEqual(plain.options);
        } else if (!spelled.ok && !NO_COMMAND.has(spelled.message.key)) {
          const message = shownText(spelled.message);
          // What the person typed may be quoted back; the commands the message offers are spelled.
          const offered = message.replace(/"[^"]*"/g, '');
          expect(offered).not.toMatch(unspelled);
          expect(message.length).toBeLessThan(700);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
