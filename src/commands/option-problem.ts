// What a person is told about an option zod refused, as a catalog message: by the kind of option (its
// metadata, as describeOptions reads it) and what zod found, or the message a check put in the issue.
import type { z } from 'zod';
import { isMessage, type Message, msg } from '../i18n/message.ts';
import type { OptionSpec } from './describe-options.ts';
import { listed } from './format.ts';
import { shortened } from './option-schemas.ts';

export function optionProblem(option: OptionSpec, issue: z.core.$ZodIssue, typed: unknown): Message {
  const name = option.name;
  const about = (problem: Message) => msg('commands.option.invalid', { option: name, problem });
  if (issue.code === 'custom' && isMessage(issue.params?.problem)) return about(issue.params.problem);
  if (option.input === 'integer') {
    const range = { option: name, min: option.min ?? 0, max: option.max ?? 0 };
    return Number.isNaN(Number(typed))
      ? msg('commands.option.not-a-number', { ...range, value: shortened(String(typed)) })
      : msg('commands.option.out-of-range', range);
  }
  if (option.input === 'boolean') return about(msg('commands.option.switch-help'));
  if (option.choices)
    return msg('commands.option.bad-choice', { option: name, choices: listed(option.choices) });
  if (issue.code === 'too_big') {
    return msg('commands.option.too-long', { option: name, max: Number(issue.maximum) });
  }
  if (issue.code === 'too_small') return msg('commands.option.empty', { option: name });
  return msg('commands.option.not-text', { option: name });
}
