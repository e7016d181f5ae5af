// Once a command has run, its change is stored: when the platform then refuses part of the reply, the person
// learns the command worked. "Try again" would do it twice, and deleting what was shown would hide it.
import type { Reply } from '../../commands/command.ts';
import { type Message, msg } from '../../i18n/message.ts';

/** The private note for a reply the platform (e.g. "Discord") refused after the command's change was stored. */
export function savedNotice(
  name: string,
  reply: Pick<Reply, 'visibility' | 'blocks'>,
  platform: string,
): Message {
  const vote = reply.blocks.some((block) => block.type === 'vote') ? 'yes' : 'no';
  return reply.visibility === 'public'
    ? msg('common.saved.public', { name, platform, vote })
    : msg('common.saved.private', { name, platform, vote });
}
