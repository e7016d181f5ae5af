// zod pieces shared by command options. What a person is told when an option is wrong comes from the
// catalog: runCommand reads the zod issue with the option's metadata (see option-problem.ts); a check zod
// cannot describe (a duration, a switch) puts its own catalog message in the issue's params.
import { z } from 'zod';
import { type Message, msg } from '../i18n/message.ts';
import { NAME_MAX, TEXT_MAX } from '../story/limits.ts';

/** A custom zod issue whose message for people is a catalog message. */
export const problem = (message: Message) => ({ code: 'custom' as const, params: { problem: message } });

/** People's text in a message about what they typed, cut short. */
export const shortened = (typed: string, max = 20) =>
  typed.length > max ? `${typed.slice(0, max)}…` : typed;

export const textOption = (description: string, max = TEXT_MAX) =>
  z.string().trim().min(1).max(max).meta({ description, input: 'string', maxLength: max });

export const nameOption = (description: string) => textOption(description, NAME_MAX);

const DURATION = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/i;

/** "30s", "5m", "1h30m" or a plain number of seconds, to milliseconds. */
export function parseDuration(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const match = DURATION.exec(trimmed);
  if (!match || trimmed.length === 0) return undefined;
  const [, h, m, s] = match;
  return ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}

export const durationOption = (description: string) =>
  z
    .string()
    .max(20)
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.addIssue(problem(msg('commands.option.not-a-duration', { value: shortened(value.trim()) })));
        return z.NEVER;
      }
      return ms;
    })
    .meta({ description, input: 'string', maxLength: 20 });

const SWITCH_WORDS = new Map([
  ['on', true],
  ['yes', true],
  ['true', true],
  ['off', false],
  ['no', false],
  ['false', false],
]);

/** A switch: Discord sends a boolean, people typing send on/off, yes/no or true/false in any case. */
export const booleanOption = (description: string) =>
  z
    .union([z.boolean(), z.string()])
    .transform((value, ctx) => {
      if (typeof value === 'boolean') return value;
      const typed = value.trim();
      const word = SWITCH_WORDS.get(typed.toLowerCase());
      if (word === undefined) {
        ctx.addIssue(problem(msg('commands.option.not-a-switch', { value: shortened(typed) })));
        return z.NEVER;
      }
      return word;
    })
    .meta({ description, input: 'boolean' });

export const integerOption = (description: string, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).meta({ description, input: 'integer', min, max });

export const choiceOption = <const T extends readonly [string, ...string[]]>(
  description: string,
  choices: T,
) => z.enum(choices).meta({ description, input: 'string', choices: [...choices] });
