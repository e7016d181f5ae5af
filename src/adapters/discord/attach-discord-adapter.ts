// Connects a discord.js client to the story engine: slash commands and vote buttons in, messages out.
// Holds the adapter's one catch: whatever fails reaches the person as a private, readable message (or, once
// the interaction token has expired, a short public notice in the channel).
import {
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type Interaction,
  type Message,
  type MessageReaction,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { Command } from '../../commands/command.ts';
import { commands as allCommands } from '../../commands/index.ts';
import { errorReply } from '../../commands/run-command.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { msg } from '../../i18n/message.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { createBeatMessages } from '../shared/beat-messages.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import type { AdapterDeps } from './adapter-deps.ts';
import { createCharacterWebhooks } from './character-webhooks.ts';
import type { DiscordConfig } from './discord-config.ts';
import { handleCommand } from './handle-command.ts';
import { handleReaction, handleReactionsCleared } from './handle-reaction.ts';
import { handleVoteButton } from './handle-vote-button.ts';
import { createInteractionOutput } from './interaction-output.ts';
import { watchRateLimits } from './rate-limit-log.ts';
import { readCommand } from './read-command.ts';
import type { MessageDraft } from './render/message-draft.ts';
import { renderReply } from './render/render-reply.ts';
import { safeError } from './safe-error.ts';
import { createVoteMessages, type VoteMessageStore } from './vote-messages.ts';

export interface AttachOptions {
  client: Client;
  engine: StoryEngine;
  /** Where vote messages, and which messages show which beat, are remembered across restarts (the engine's store). */
  store: VoteMessageStore;
  logger: Logger;
  config: DiscordConfig;
  commands?: readonly Command[];
  /** Time source for token expiry; tests move it. */
  now?: () => number;
}

export interface AttachedAdapter {
  /** Resolves when every interaction received so far has been fully answered. */
  idle(): Promise<void>;
  /** Stops taking interactions, cancels generations in progress and waits for pending answers. */
  stop(): Promise<void>;
}

export function attachDiscordAdapter(options: AttachOptions): AttachedAdapter {
  const { client, logger } = options;
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const deps: AdapterDeps = {
    engine: options.engine,
    logger,
    config: options.config,
    commands: options.commands ?? allCommands,
    votes: createVoteMessages({
      engine: options.engine,
      store: options.store,
      rest: client.rest,
      logger,
      now,
      intervalMs: options.config.voteEditMs,
    }),
    voices: createCharacterWebhooks({ rest: client.rest, logger, now }),
    beatMessages: createBeatMessages({ store: options.store, logger }),
    now,
    signal: controller.signal,
  };
  const pending = new Set<Promise<void>>();
  const rateLimits = watchRateLimits(client.rest, logger);

  async function dispatch(interaction: Interaction): Promise<void> {
    // Every button is answered, also one whose id is not a vote's (left from an older release): unanswered,
    // Discord shows the person "This interaction failed". handleVoteButton refuses it with a message.
    if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
    const output = createInteractionOutput(interaction, {
      rest: client.rest,
      logger,
      now,
      ownsOriginal: interaction.isChatInputCommand(),
    });
    try {
      if (interaction.isChatInputCommand()) await handleCommand(interaction, output, deps);
      else if (interaction.isButton()) await handleVoteButton(interaction, output, deps);
    } catch (error) {
      const context = {
        interactionId: interaction.id,
        command: interaction.isChatInputCommand() ? interaction.commandName : undefined,
        customId: interaction.isButton() ? interaction.customId : undefined,
        userId: interaction.user.id,
        guildId: interaction.guildId,
        channelId: interaction.channelId,
      };
      try {
        const reply = renderReply(
          localizeReply(errorReply(safeError(error), logger, context), interaction.locale),
        );
        await output.showFailure(
          reply,
          interaction.isChatInputCommand() ? failureNotice(interaction) : undefined,
        );
      } catch (deliveryError) {
        logger.error(
          { ...context, err: safeError(deliveryError) },
          'could not tell the user that their interaction failed',
        );
      }
    }
  }

  const onInteraction = (interaction: Interaction) => {
    if (controller.signal.aborted) return;
    const task = dispatch(interaction);
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  client.on(Events.InteractionCreate, onInteraction);

  // Reactions on beat messages: the audience's (issue 13). Tracked like interactions, so idle() waits for them.
  const reactionDeps = {
    engine: deps.engine,
    beatMessages: deps.beatMessages,
    logger,
    selfId: () => client.user?.id,
  };
  const onReaction =
    (removed: boolean) => (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) => {
      if (controller.signal.aborted) return;
      const task = handleReaction(reaction, user, removed, reactionDeps);
      pending.add(task);
      void task.finally(() => pending.delete(task));
    };
  const onAdd = onReaction(false);
  const onRemove = onReaction(true);
  // Cleared by a moderator: all of a message's reactions, or one emoji's.
  const onCleared = (message: Message | PartialMessage, emoji: string | null | undefined) => {
    if (controller.signal.aborted) return;
    const task = handleReactionsCleared(message, emoji, reactionDeps);
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  const onRemoveAll = (message: Message | PartialMessage) => onCleared(message, undefined);
  const onRemoveEmoji = (reaction: MessageReaction | PartialMessageReaction) =>
    onCleared(reaction.message, reaction.emoji.name);
  client.on(Events.MessageReactionAdd, onAdd);
  client.on(Events.MessageReactionRemove, onRemove);
  client.on(Events.MessageReactionRemoveAll, onRemoveAll);
  client.on(Events.MessageReactionRemoveEmoji, onRemoveEmoji);

  const idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };

  return {
    idle,
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.MessageReactionAdd, onAdd);
      client.off(Events.MessageReactionRemove, onRemove);
      client.off(Events.MessageReactionRemoveAll, onRemoveAll);
      client.off(Events.MessageReactionRemoveEmoji, onRemoveEmoji);
      controller.abort(new Error('the Discord adapter is stopping'));
      await idle();
      await deps.votes.stop();
      rateLimits.stop();
    },
  };
}

/** What the channel is told when a command fails after its token expired: who, what, and that nothing changed. */
function failureNotice(interaction: ChatInputCommandInteraction): MessageDraft {
  const command = `/${readCommand(interaction).name}`;
  // Addressed to the person, about their command: in their language.
  const translator = sharedTranslator();
  const locale = matchLocale(interaction.locale, translator.locales);
  const mention = `<@${interaction.user.id}>`;
  return {
    content: translator.translate(locale, msg('discord.command.failed-late', { mention, command })),
    embeds: [],
    components: [],
  };
}
