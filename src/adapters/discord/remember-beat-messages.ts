// After a public reply is shown: the messages that carry its beat are remembered (adapters/shared/
// beat-messages.ts), so reactions on them count on the beat. Best effort: the reply is already shown, so a
// store failure here is logged and costs only those messages' reactions.
import type { ShownReply } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import type { RoomRef } from '../../story/types.ts';
import type { BeatMessages } from '../shared/beat-messages.ts';
import type { SentMessage } from './interaction-output.ts';
import { safeError } from './safe-error.ts';

/** The beat a reply shows: the last beat of its beats blocks (a public reply shows one). */
export function beatShownBy(reply: ShownReply): string | undefined {
  const beats = reply.blocks.flatMap((block) => (block.type === 'beats' ? block.beats : []));
  return beats.at(-1)?.id;
}

export async function rememberBeatMessages(
  reply: ShownReply,
  sent: readonly SentMessage[],
  deps: { room: RoomRef; beatMessages: BeatMessages; logger: Logger },
): Promise<void> {
  const beatId = beatShownBy(reply);
  if (!beatId) return;
  // Messages with text: the beat's; one holding only a vote's embed and buttons is the vote's.
  const ids = sent.filter((m) => !m.ephemeral && m.draft.content !== '').map((m) => m.messageId);
  await rememberIds(ids, beatId, deps);
}

export async function rememberIds(
  ids: readonly string[],
  beatId: string,
  deps: { room: RoomRef; beatMessages: BeatMessages; logger: Logger },
): Promise<void> {
  if (ids.length === 0) return;
  try {
    await deps.beatMessages.remember(deps.room, ids, beatId);
  } catch (error) {
    deps.logger.warn(
      { err: safeError(error), channelId: deps.room.channelId, beatId },
      'could not remember which messages show a beat; reactions on them will not count',
    );
  }
}
