// Reactions on Discord messages (MESSAGE_REACTION_ADD/REMOVE, Guild Message Reactions intent): a reaction on
// a message that shows a beat becomes engine.react(); bots (this one included), messages that show no beat,
// and DMs are ignored. Messages are never cached, so the reaction arrives as a partial: the message's id and
// channel, the emoji (a custom one by its name), and the user (with the member's name when Discord sends it).
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { isUserError } from '../../story/errors.ts';
import type { RoomRef } from '../../story/types.ts';
import type { BeatMessages } from '../shared/beat-messages.ts';
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
  const room: RoomRef = { platform: 'discord', workspaceId: message.guildId, channelId: message.channelId };
  const context = {
    guildId: message.guildId,
    channelId: message.channelId,
    messageId: message.id,
    userId: user.id,
  };
  try {
    const beatId = await deps.beatMessages.beatOf(room, message.id);
    if (!beatId) return;
    const member = message.guild?.members.cache.get(user.id);
    const name = member?.displayName ?? user.globalName ?? user.username ?? '';
    await deps.engine.react(room, { id: user.id, name, role: 'audience' }, { beat: beatId, emoji, removed });
  } catch (error) {
    // Nobody is waiting for an answer: a refusal (a locked room, a full beat) is only noted.
    if (isUserError(error)) deps.logger.info({ ...context, code: error.code }, 'a reaction was not recorded');
    else deps.logger.warn({ ...context, err: safeError(error) }, 'recording a reaction failed');
  }
}
