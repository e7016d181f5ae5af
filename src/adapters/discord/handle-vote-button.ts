// A click on a vote button: acknowledged at once without touching the message, the ballot recorded by the
// engine, and a private confirmation. A click after the close is refused politely and the message is
// brought up to date (disabled buttons, the result), which also fixes buttons left over from a restart.
import { type ButtonInteraction, MessageFlags, MessageFlagsBitField } from 'discord.js';
import { voteOutcome } from '../../commands/format.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import { UserError } from '../../story/errors.ts';
import { optionLetter } from '../../story/votes.ts';
import type { AdapterDeps } from './adapter-deps.ts';
import { actorOf } from './interaction-context.ts';
import { type InteractionOutput, tokenExpiresAt } from './interaction-output.ts';
import { escapeText } from './render/escape-text.ts';
import { parseVoteButtonId } from './render/vote-button-id.ts';

export async function handleVoteButton(
  interaction: ButtonInteraction,
  output: InteractionOutput,
  deps: AdapterDeps,
): Promise<void> {
  const button = parseVoteButtonId(interaction.customId);
  if (!button || button.room.workspaceId !== interaction.guildId) {
    throw new UserError('vote.button', 'This button does not belong to a vote in this server.');
  }
  await interaction.deferUpdate();
  const { room, voteId, option } = button;
  const message = {
    messageId: interaction.message.id,
    channelId: interaction.channelId,
    ephemeral: new MessageFlagsBitField(interaction.message.flags).has(MessageFlags.Ephemeral),
    webhook: {
      applicationId: interaction.applicationId,
      token: interaction.token,
      // After deferUpdate, the interaction's original message is the one the button is on.
      messageRef: '@original',
      expiresAt: tokenExpiresAt(interaction),
    },
  };

  const vote = (await deps.engine.room(room)).votes[voteId];
  if (!vote) throw new UserError('vote.none', 'That vote no longer exists.');
  deps.votes.remember(room, voteId, message);
  if (vote.status !== 'open') {
    deps.votes.refresh(room, vote);
    throw new UserError(
      'vote.closed',
      `This vote has already closed, so your click was not counted. ${sharedTranslator().translate(SOURCE_LOCALE, voteOutcome(vote))}`,
    );
  }

  const actor = actorOf(interaction, deps.config);
  const cast = await deps.engine.castVote(room, actor, { option: option + 1, voteId });
  const chosen = `${optionLetter(cast.option)} (${cast.options[cast.option] ?? ''})`;
  const text =
    cast.previous === undefined
      ? `You voted for ${chosen}; click another option to change.`
      : cast.previous === cast.option
        ? `You already voted for ${chosen}; click another option to change.`
        : `You changed your vote from ${optionLetter(cast.previous)} to ${chosen}; click another option to change.`;
  await output.showPrivate([{ content: escapeText(text), embeds: [], components: [] }]);
}
