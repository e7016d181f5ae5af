// zod pieces shared by command options, with messages written for the person typing the command.
import { z } from 'zod';
import { NAME_MAX, TEXT_MAX } from '../story/limits.ts';

export const textOption = (label: string, description: string, max = TEXT_MAX) =>
  z
    .string({ error: `Give the ${label} as text.` })
    .trim()
    .min(1, { error: `The ${label} can't be empty.` })
    .max(max, { error: `The ${label} may be at most ${max.toLocaleString('en')} characters.` })
    .meta({ description, input: 'string', maxLength: max });

export const nameOption = (description: string) => textOption('name', description, NAME_MAX);

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
    .string({ error: 'Give the duration like 30s, 5m or 1h.' })
    .max(20, { error: 'Give the duration like 30s, 5m or 1h.' })
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration. Use e.g. 30s, 5m or 1h.` });
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
const SWITCH_HELP = 'Use on or off (yes/no and true/false work too).';

/** A switch: Discord sends a boolean, people typing send on/off, yes/no or true/false in any case. */
export const booleanOption = (description: string) =>
  z
    .union([z.boolean(), z.string()], { error: SWITCH_HELP })
    .transform((value, ctx) => {
      if (typeof value === 'boolean') return value;
      const typed = value.trim();
      const word = SWITCH_WORDS.get(typed.toLowerCase());
      if (word === undefined) {
        const shown = typed.length > 20 ? `${typed.slice(0, 20)}…` : typed;
        ctx.addIssue({ code: 'custom', message: `"${shown}" is neither on nor off. ${SWITCH_HELP}` });
        return z.NEVER;
      }
      return word;
    })
    .meta({ description, input: 'boolean' });

export const integerOption = (label: string, description: string, min: number, max: number) =>
  z.coerce
    .number({ error: `The ${label} must be a whole number from ${min} to ${max}.` })
    .int({ error: `The ${label} must be a whole number from ${min} to ${max}.` })
    .min(min, { error: `The ${label} must be a whole number from ${min} to ${max}.` })
    .max(max, { error: `The ${label} must be a whole number from ${min} to ${max}.` })
    .meta({ description, input: 'integer', min, max });

export const choiceOption = <const T extends readonly [string, ...string[]]>(
  label: string,
  description: string,
  choices: T,
) =>
  z
    .enum(choices, { error: `The ${label} must be one of: ${choices.join(', ')}.` })
    .meta({ description, input: 'string', choices: [...choices] });
