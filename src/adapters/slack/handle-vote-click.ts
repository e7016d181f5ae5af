// A click on a vote button, after its ack: run as `/vote cast` for the button's own vote (the command records
// the ballot and words the private confirmation), so a click and the command can never differ. The button's
// value carries room, vote and option, so buttons posted before a restart still work. A click after the
// close is refused politely and the message is brought up to date (buttons removed, the result shown).

import { voteOutcome } from '../../commands/format.ts';
import { errorReply, runCommand } from '../../commands/run-command.ts';
import { msg } from '../../i18n/message.ts';
import { UserError } from '../../story/errors.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import { voteCastCommand } from '../shared/vote-cast-command.ts';
import { parseVoteButtonId } from './render/index.ts';
import { renderShown } from './show-context.ts';
import { placeOfRoom } from './slack-context.ts';
import type { SlackDeps } from './slack-deps.ts';
import { createSlackOutput } from './slack-output.ts';
import { whoActed } from './who-acted.ts';

/** A block_actions click as Slack sends it, the fields storyroom reads. */
export interface VoteClick {
  teamId: string;
  userId: string;
  userName: string;
  /** The button's value. */
  value: string;
  /** Where the clicked message is: its channel and ts, whether only the clicker sees it. */
  channel: string;
  messageTs: string;
  ephemeral: boolean;
  responseUrl?: string | undefined;
}

export async function handleVoteClick(click: VoteClick, deps: SlackDeps): Promise<void> {
  const { client, actor, personLocale } = await whoActed(deps, {
    teamId: click.teamId,
    userId: click.userId,
    name: click.userName,
  });
  const button = parseVoteButtonId(click.value);
  const room = button?.room;
  const output = createSlackOutput(
    {
      client,
      teamId: click.teamId,
      channel: click.channel,
      threadTs: room ? placeOfRoom(room).threadTs : undefined,
      userId: click.userId,
      responseUrl: click.responseUrl,
    },
    deps,
  );
  try {
    if (
      !button ||
      !room ||
      room.workspaceId !== click.teamId ||
      placeOfRoom(room).channel !== click.channel
    ) {
      throw new UserError('vote.button', msg('slack.vote.foreign-button'));
    }
    const { voteId, option } = button;
    const vote = (await deps.engine.room(room)).votes[voteId];
    if (!vote) throw new UserError('vote.none', msg('slack.vote.gone'));
    deps.votes.remember(room, voteId, {
      channelId: click.channel,
      messageId: click.messageTs,
      ephemeral: click.ephemeral,
      ...(click.ephemeral
        ? {
            responseUrl: click.responseUrl,
            locale: personLocale,
          }
        : {}),
    });
    if (vote.status !== 'open') {
      deps.votes.refresh(room, vote);
      throw new UserError('vote.closed', msg('slack.vote.closed-click', { outcome: voteOutcome(vote) }));
    }
    // The button's own vote, by id: a click on an older vote's button never counts for a newer one.
    const reply = await runCommand(
      voteCastCommand(deps.commands),
      { engine: deps.engine, room, actor, commands: deps.commands },
      { option: String(option + 1), vote: voteId },
    );
    await output.showPrivate(renderShown(localizeReply(reply, personLocale)).messages);
  } catch (error) {
    const where = { teamId: click.teamId, channel: click.channel, userId: click.userId, value: click.value };
    try {
      const reply = localizeReply(errorReply(error, deps.logger, where), personLocale);
      await output.showFailure(renderShown(reply).messages, undefined);
    } catch (deliveryError) {
      deps.logger.error({ ...where, err: deliveryError }, 'could not tell the user that their click failed');
    }
  }
}
