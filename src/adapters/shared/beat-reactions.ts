// What every platform does with the audience's reactions (issue 13): after a public reply is shown, the
// messages that carry its beat are remembered (beat-messages.ts); a reaction on one of them becomes
// engine.react(). Bots, messages that show no beat and the room's refusals (locked, a full beat) are
// ignored quietly: nobody is waiting for an answer. The platform says where the message is and who reacted.
import type { ShownReply } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { isUserError } from '../../story/errors.ts';
import type { RoomRef } from '../../story/types.ts';
import type { BeatMessages } from './beat-messages.ts';

/** The beat a reply shows: the last beat of its beats blocks (a public reply shows one). */
export function beatShownBy(reply: Pick<ShownReply, 'blocks'>): string | undefined {
  const beats = reply.blocks.flatMap((block) => (block.type === 'beats' ? block.beats : []));
  return beats.at(-1)?.id;
}

export interface RememberDeps {
  room: RoomRef;
  /** Where the platform's message ids are unique, when wider than the room (beat-messages.ts). */
  place?: RoomRef | undefined;
  beatMessages: BeatMessages;
  logger: Logger;
  /** What of an error may be logged (Discord's carry interaction tokens). */
  loggable?: ((error: unknown) => unknown) | undefined;
}

/**
 * Remembers that the messages show the beat. Best effort: the reply is already shown, so a store failure is
 * logged and costs only those messages' reactions.
 */
export async function rememberShown(
  ids: readonly string[],
  beatId: string,
  deps: RememberDeps,
): Promise<void> {
  if (ids.length === 0) return;
  try {
    await deps.beatMessages.remember(deps.room, ids, beatId, deps.place);
  } catch (error) {
    deps.logger.warn(
      { err: deps.loggable ? deps.loggable(error) : error, channelId: deps.room.channelId, beatId },
      'could not remember which messages show a beat; reactions on them will not count',
    );
  }
}

export interface ReactionDeps {
  engine: StoryEngine;
  beatMessages: BeatMessages;
  logger: Logger;
  loggable?: ((error: unknown) => unknown) | undefined;
}

export interface ReactionOnMessage {
  /** Where the message is filed: its room, or the wider place its platform files it under. */
  place: RoomRef;
  messageId: string;
  /** As the platform sent it: 👍, "+1::skin-tone-2", a custom emoji's name. */
  emoji: string;
  removed: boolean;
  /** Asked only for a message that shows a beat: who reacted, or undefined to ignore them (a bot). */
  person(): Promise<{ id: string; name: string } | undefined>;
  /** Logged with what happened. */
  context: Record<string, unknown>;
}

/** Counts the reaction on the beat the message shows; anything else is only logged. */
export async function recordReaction(reaction: ReactionOnMessage, deps: ReactionDeps): Promise<void> {
  const { context } = reaction;
  try {
    const shown = await deps.beatMessages.shownAt(reaction.place, reaction.messageId);
    if (!shown) return;
    const person = await reaction.person();
    if (!person) return;
    await deps.engine.react(
      shown.room,
      { ...person, role: 'audience' },
      { beat: shown.beatId, emoji: reaction.emoji, removed: reaction.removed },
    );
  } catch (error) {
    if (isUserError(error))
      deps.logger.debug({ ...context, code: error.code }, 'a reaction was not recorded');
    else
      deps.logger.warn(
        { ...context, err: deps.loggable ? deps.loggable(error) : error },
        'recording a reaction failed',
      );
  }
}
