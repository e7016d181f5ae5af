// The spelling of commands on a platform (CommandSpelling in command.ts): as defined, and which options and
// commands a platform that cannot carry some inputs (Slack: files) can take.
import type { Command, CommandSpelling } from './command.ts';
import { describeOptions, type OptionSpec } from './describe-options.ts';

export type { CommandSpelling };

/** Discord and the terminal: names as defined, every option. */
export const PLAIN_SPELLING: CommandSpelling = { name: (name) => name };

/** The options of `command` the platform cannot carry. */
export function optionsNotTaken(command: Command, spelling: CommandSpelling): OptionSpec[] {
  const cannot = spelling.cannotTake ?? [];
  if (cannot.length === 0) return [];
  return describeOptions(command).filter((spec) => cannot.includes(spec.input));
}

/** Whether the command can be used there at all: none of its required options is one it cannot carry. */
export const usableWith = (command: Command, spelling: CommandSpelling) =>
  optionsNotTaken(command, spelling).every((spec) => !spec.required);
