// A vote button runs `/vote cast` for its own vote, so a click and the command can never differ.
import type { Command } from '../../commands/command.ts';
import { findCommand } from '../../commands/run-command.ts';

export function voteCastCommand(commands: readonly Command[]): Command {
  const command = findCommand(commands, 'vote cast');
  // A wiring mistake, not the person's: logged, and they get the generic message.
  if (!command) throw new Error('vote buttons need the "vote cast" command, which is not registered');
  return command;
}
