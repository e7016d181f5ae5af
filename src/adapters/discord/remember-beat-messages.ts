// After a public reply is shown: the messages that carry its beat are remembered through the shared layer
// (adapters/shared/beat-reactions.ts), so reactions on them count on the beat.
import type { ShownReply } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import type { RoomRef } from '../../story/types.ts';
import type { BeatMessages } from '../shared/beat-messages.ts';
import { beatShownBy, rememberShown } from '../shared/beat-reactions.ts';
import type { SentMessage } from './interaction-output.ts';
import { safeError } from './safe-error.ts';

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

export const rememberIds = (
  ids: readonly string[],
  beatId: string,
  deps: { room: RoomRef; beatMessages: BeatMessages; logger: Logger },
): Promise<void> => rememberShown(ids, beatId, { ...deps, loggable: safeError });
