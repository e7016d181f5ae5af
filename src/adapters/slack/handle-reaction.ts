// Reactions on Slack messages (reaction_added / reaction_removed, scope reactions:read): a reaction on a
// message that shows a beat is counted on that beat through the shared layer. The event names the channel
// and the message's ts, never a thread: the beat map files a thread room's messages under their channel,
// with the room. Bots (this one included), messages that show no beat and refusals are ignored quietly.
import { recordReaction } from '../shared/beat-reactions.ts';
import { roomOfPlace } from './slack-context.ts';
import type { SlackDeps } from './slack-deps.ts';

/** The fields of a reaction event storyroom reads. */
export interface SlackReaction {
  teamId: string;
  /** Who reacted. */
  userId: string;
  /** Slack's name for the emoji: "fire", "+1::skin-tone-2", a custom emoji's name. */
  reaction: string;
  /** The message reacted to. */
  channel: string;
  messageTs: string;
  removed: boolean;
  /** This app's bot user, when Bolt knows it. */
  botUserId?: string | undefined;
}

export async function handleSlackReaction(event: SlackReaction, deps: SlackDeps): Promise<void> {
  if (event.userId === event.botUserId) return;
  const context = {
    teamId: event.teamId,
    channel: event.channel,
    messageTs: event.messageTs,
    userId: event.userId,
    removed: event.removed,
  };
  await recordReaction(
    {
      place: roomOfPlace({ teamId: event.teamId, channel: event.channel }),
      messageId: event.messageTs,
      emoji: event.reaction,
      removed: event.removed,
      // Only for a message that shows a beat: the shared users.info cache says who it is, and if a bot.
      async person() {
        const client = await deps.clientFor(event.teamId);
        const profile = await deps.profiles.profileOf(client, event.teamId, event.userId);
        if (profile.bot) {
          deps.logger.debug(context, 'a bot reacted to a beat; not counted');
          return undefined;
        }
        return { id: event.userId, name: profile.name ?? event.userId };
      },
      context,
    },
    deps,
  );
}
