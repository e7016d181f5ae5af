// /help where commands are typed as text (the terminal, Slack): each command shown as it is typed, options
// in order, then how to type them on that platform.
import { type Command, type Reply, text } from '../../commands/command.ts';
import { type CommandSpelling, PLAIN_SPELLING } from '../../commands/command-spelling.ts';
import { usage } from '../../commands/run-command.ts';
import type { Message } from '../../i18n/message.ts';

/**
 * The /help reply (written with `spelling`, as the command was run) with each command's usage as its name,
 * and `typing` (the platform's own hints) after it.
 */
export function withUsage(
  reply: Reply,
  commands: readonly Command[],
  typing: Message,
  spelling: CommandSpelling = PLAIN_SPELLING,
): Reply {
  const blocks = reply.blocks.map((block) => {
    if (block.type !== 'fields') return block;
    const fields = block.fields.map((field) => {
      const command = commands.find((c) => `/${spelling.name(c.name)}` === field.name);
      return command ? { ...field, name: usage(command, spelling) } : field;
    });
    return { ...block, fields };
  });
  return { ...reply, blocks: [...blocks, text(typing)] };
}
