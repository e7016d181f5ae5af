// Once a command has run, its change is stored: when the platform then refuses part of the reply, the person
// learns the command worked. "Try again" would do it twice, and deleting what was shown would hide it.
import type { Reply } from '../../commands/command.ts';

/** The private note for a reply the platform (e.g. "Discord") refused after the command's change was stored. */
export function savedNotice(
  name: string,
  reply: Pick<Reply, 'visibility' | 'blocks'>,
  platform: string,
): string {
  const shown =
    reply.visibility === 'public'
      ? `Your /${name} went through and is saved, but ${platform} refused part of the reply, so the channel may ` +
        "show only some of it. Please don't run it again: that would do it twice."
      : `Your /${name} went through, but ${platform} refused part of the reply, so you may see only some of it.`;
  const vote = reply.blocks.some((block) => block.type === 'vote') ? ' /vote status shows the vote.' : '';
  return `${shown}${vote}`;
}
