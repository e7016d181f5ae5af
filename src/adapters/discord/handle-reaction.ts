// Reactions on Discord messages (MESSAGE_REACTION_ADD/REMOVE, Guild Message Reactions intent): a reaction on
// a message that shows a beat becomes engine.react(); bots (this one included), messages that show no beat,
// and DMs are ignored. Messages are never cached, so the reaction arrives as a partial: the message's id and
// channel, the emoji (a custom one by its name), and the user (with the member's name when Discord sends it).
import type {
  Message,
  MessageReaction,
  PartialMessage,
  PartialMessageReaction,
  PartialUser,
  User,
} from 'discord.js';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { isUserError } from '../../story/errors.ts';
import { normalizeEmoji } from '../../story/reaction-emoji.ts';
import type { RoomRef } from '../../story/types.ts';
import type { BeatMessages } from '../shared/beat-messages.ts';
import { recordReaction } from '../shared/beat-reactions.ts';
import { safeError } from './safe-error.ts';

export interface ReactionDeps {
  engine: StoryEngine;
  beatMessages: BeatMessages;
  logger: Logger;
  /** This bot's own user id, once known: its reactions are not the audience's. */
  selfId: () => string | undefined;
}

export async function handleReaction(
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
  removed: boolean,
  deps: ReactionDeps,
): Promise<void> {
  if (user.bot === true || user.id === deps.selfId()) return;
  const { message } = reaction;
  if (!message.guildId) return;
  // Unicode emoji come by themselves, custom ones as { id, name }: the name is what people see.
  const emoji = reaction.emoji.name;
  if (!emoji) return;
  const member = message.guild?.members.cache.get(user.id);
  await recordReaction(
    {
      place: { platform: 'discord', workspaceId: message.guildId, channelId: message.channelId },
      messageId: message.id,
      emoji,
      removed,
      person: async () => ({
        id: user.id,
        name: member?.displayName ?? user.globalName ?? user.username ?? '',
      }),
      context: {
        guildId: message.guildId,
        channelId: message.channelId,
        messageId: message.id,
        userId: user.id,
      },
    },
    { ...deps, loggable: safeError },
  );
}

/**
 * A moderator (or a bot) cleared a beat message's reactions: all of them, or one emoji's. Each person's
 * reaction is taken back as they would take it back themselves, so the story's reactions match the message.
 */
export async function handleReactionsCleared(
  message: Message | PartialMessage,
  emojiName: string | null | undefined,
  deps: ReactionDeps,
): Promise<void> {
  if (!message.guildId) return;
  const room: RoomRef = { platform: 'discord', workspaceId: message.guildId, channelId: message.channelId };
  const context = { guildId: message.guildId, channelId: message.channelId, messageId: message.id };
  try {
    const beatId = await deps.beatMessages.beatOf(room, message.id);
    if (!beatId) return;
    const only = emojiName === undefined ? undefined : normalizeEmoji(emojiName ?? '');
    if (emojiName !== undefined && only === undefined) return;
    const state = await deps.engine.room(room);
    const onBeat =
      state.reactions && Object.hasOwn(state.reactions, beatId) ? state.reactions[beatId] : undefined;
    for (const [emoji, people] of Object.entries(onBeat ?? {})) {
      if (only !== undefined && emoji !== only) continue;
      for (const id of people) {
        // The name they reacted under, when discord.js still has them; else the engine's fallback.
        const user = message.client.users.cache.get(id);
        const name =
          message.guild?.members.cache.get(id)?.displayName ?? user?.globalName ?? user?.username ?? '';
        await deps.engine.react(room, { id, name, role: 'audience' }, { beat: beatId, emoji, removed: true });
      }
    }
  } catch (error) {
    if (isUserError(error))
      deps.logger.info({ ...context, code: error.code }, 'cleared reactions were not recorded');
    else deps.logger.warn({ ...context, err: safeError(error) }, 'recording cleared reactions failed');
  }
}
