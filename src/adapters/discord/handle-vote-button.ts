// A click on a vote button: acknowledged at once without touching the message, then run as `/vote cast` for
// the button's vote (the command records the ballot and words the private confirmation), so a click and the
// command can never differ. A click after the close is refused politely and the message is brought up to
// date (disabled buttons, the result), which also fixes buttons left over from a restart.
import { type ButtonInteraction, MessageFlags, MessageFlagsBitField } from 'discord.js';
import { voteOutcome } from '../../commands/format.ts';
import { runCommand } from '../../commands/run-command.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { msg } from '../../i18n/message.ts';
import { UserError } from '../../story/errors.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import { voteCastCommand } from '../shared/vote-cast-command.ts';
import type { AdapterDeps } from './adapter-deps.ts';
import { actorOf } from './interaction-context.ts';
import { type InteractionOutput, tokenExpiresAt } from './interaction-output.ts';
import { renderReply } from './render/render-reply.ts';
import { parseVoteButtonId } from './render/vote-button-id.ts';

export async function handleVoteButton(
  interaction: ButtonInteraction,
  output: InteractionOutput,
  deps: AdapterDeps,
): Promise<void> {
  const button = parseVoteButtonId(interaction.customId);
  if (!button || button.room.workspaceId !== interaction.guildId) {
    throw new UserError('vote.button', msg('discord.vote.foreign-button'));
  }
  const cast = voteCastCommand(deps.commands);
  await interaction.deferUpdate();
  const { room, voteId, option } = button;
  const ephemeral = new MessageFlagsBitField(interaction.message.flags).has(MessageFlags.Ephemeral);
  const message = {
    messageId: interaction.message.id,
    channelId: interaction.channelId,
    ephemeral,
    // Only the clicker sees an ephemeral vote message (their /vote status): it stays in their language.
    locale: ephemeral ? matchLocale(interaction.locale, sharedTranslator().locales) : undefined,
    webhook: {
      applicationId: interaction.applicationId,
      token: interaction.token,
      // After deferUpdate, the interaction's original message is the one the button is on.
      messageRef: '@original',
      expiresAt: tokenExpiresAt(interaction),
    },
  };

  const vote = (await deps.engine.room(room)).votes[voteId];
  if (!vote) throw new UserError('vote.none', msg('discord.vote.gone'));
  deps.votes.remember(room, voteId, message);
  if (vote.status !== 'open') {
    deps.votes.refresh(room, vote);
    throw new UserError('vote.closed', msg('discord.vote.closed-click', { outcome: voteOutcome(vote) }));
  }

  // The button's own vote, by id: a click on an older vote's button never counts for a newer one.
  const reply = await runCommand(
    cast,
    { engine: deps.engine, room, actor: actorOf(interaction, deps.config), commands: deps.commands },
    { option: String(option + 1), vote: voteId },
  );
  await output.showPrivate(renderReply(localizeReply(reply, interaction.locale)));
}
