// A slash command: acknowledged at once (deferred when it touches the store or the narrator), run through
// the shared command runner, streamed while the narrator writes, then shown as its final reply. Once the
// command has run its change is stored, so a reply Discord refuses is reported as saved, never as failed.
import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { Reply, ShownReply } from '../../commands/command.ts';
import { findCommand } from '../../commands/run-command.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { msg } from '../../i18n/message.ts';
import { UserError } from '../../story/errors.ts';
import type { Actor } from '../../story/types.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import { repliesPrivately } from '../shared/replies-privately.ts';
import { beforeCommand, runStreamed } from '../shared/run-streamed.ts';
import { savedNotice } from '../shared/saved-notice.ts';
import type { Voicing } from '../shared/voicing.ts';
import type { AdapterDeps } from './adapter-deps.ts';
import { actorOf, roomOf } from './interaction-context.ts';
import type { InteractionOutput } from './interaction-output.ts';
import { readCommand } from './read-command.ts';
import { rememberBeatMessages } from './remember-beat-messages.ts';
import { renderPreview, renderReply } from './render/render-reply.ts';
import { safeError } from './safe-error.ts';
import { showVoicedReply } from './show-voiced-reply.ts';

export async function handleCommand(
  interaction: ChatInputCommandInteraction,
  output: InteractionOutput,
  deps: AdapterDeps,
): Promise<void> {
  const call = readCommand(interaction);
  const command = findCommand(deps.commands, call.name);
  if (!command) {
    throw new UserError('command.unknown', msg('discord.command.unknown', { name: call.name }));
  }
  const room = roomOf(interaction);
  if (!room) {
    throw new UserError('command.guild', msg('discord.command.guild-only'));
  }
  const actor = actorOf(interaction, deps.config);
  deps.logger.info(
    {
      command: command.name,
      userId: actor.id,
      role: actor.role,
      guildId: room.workspaceId,
      channelId: room.channelId,
    },
    'discord command',
  );
  // A private answer is deferred privately, so no public "thinking…" appears and vanishes. Ephemeral or
  // not is fixed by the first response; errors are private either way.
  const privately = repliesPrivately(command, call.options);
  await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
  const { voicing, previewLocale } = await beforeCommand(deps.engine, room, {
    privately,
    personLocale: interaction.locale,
  });
  const reply = await runStreamed(
    command,
    call.options,
    { engine: deps.engine, room, actor, commands: deps.commands, signal: deps.signal },
    command.slow
      ? {
          intervalMs: deps.config.streamEditMs,
          logger: deps.logger,
          describeError: safeError,
          show: async (text) => {
            await output.showPublic(renderPreview(text, previewLocale), { final: false });
          },
        }
      : undefined,
  );
  try {
    await showReply(localizeReply(reply, interaction.locale), { interaction, actor, output, deps }, voicing);
  } catch (error) {
    // The change is stored: "try again" would repeat it, and deleting what is shown would hide it.
    await tellSaved(error, command.name, reply, { interaction, output, deps });
  }
}

/** After a reply failed to show in full: what was shown stays, and the person learns the command worked. */
async function tellSaved(
  error: unknown,
  name: string,
  reply: Reply,
  context: { interaction: ChatInputCommandInteraction; output: InteractionOutput; deps: AdapterDeps },
) {
  const { interaction, output, deps } = context;
  const where = { command: name, interactionId: interaction.id, channelId: interaction.channelId };
  deps.logger.error(
    { ...where, err: safeError(error) },
    'a command succeeded but Discord refused part of its reply',
  );
  try {
    const content = sharedTranslator().translate(
      matchLocale(interaction.locale, sharedTranslator().locales),
      savedNotice(name, reply, 'Discord'),
    );
    await output.addPrivate([{ content, embeds: [], components: [] }]);
  } catch (noteError) {
    deps.logger.error(
      { ...where, err: safeError(noteError) },
      'could not tell the user that their command was saved',
    );
  }
}

async function showReply(
  reply: ShownReply,
  context: {
    interaction: ChatInputCommandInteraction;
    actor: Actor;
    output: InteractionOutput;
    deps: AdapterDeps;
  },
  voicing: Voicing | undefined,
) {
  const { interaction, output, deps } = context;
  if (reply.visibility === 'private') {
    await output.showPrivate(renderReply(reply));
    return;
  }
  if (interaction.ephemeral) {
    deps.logger.warn(
      { command: interaction.commandName, interactionId: interaction.id },
      'a command said it replies privately but replied publicly; the reply stays private',
    );
  }
  const sent = voicing
    ? await showVoicedReply(reply, voicing, context)
    : await output.showPublic(renderReply(reply), { final: true });
  for (const message of sent) {
    const vote = message.draft.vote;
    if (vote?.open) deps.votes.remember(vote.room, vote.voteId, message);
  }
  const room = roomOf(interaction);
  if (room)
    await rememberBeatMessages(reply, sent, { room, beatMessages: deps.beatMessages, logger: deps.logger });
}
