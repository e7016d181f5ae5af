// Platforms that acknowledge a command before its reply exists (Discord's deferred "thinking…", Slack's
// ephemeral or in-channel response) must choose public or private first; the command says which it will be.
import type { Command } from '../../commands/command.ts';

/** True when the command's reply to these raw options will be private, so it is deferred privately. */
export function repliesPrivately(
  command: Pick<Command, 'replies'>,
  options: Record<string, unknown>,
): boolean {
  if (typeof command.replies === 'function') return command.replies(options);
  if (command.replies === 'private-without-options') {
    return Object.values(options).every((value) => value === undefined || value === '');
  }
  return command.replies === 'private';
}
