// A command's reply, localized, shown in Slack: a private one as ephemeral messages (files by direct
// message), a public one in the channel or thread (files uploaded there), with character voices when the
// room has them on. Messages that show an open vote are remembered, so its buttons stay current; messages
// that show a beat are remembered too, so reactions on them count on the beat.
import type { ShownReply } from '../../commands/command.ts';
import type { RoomRef } from '../../story/types.ts';
import { beatShownBy, rememberShown } from '../shared/beat-reactions.ts';
import type { Voicing } from '../shared/voicing.ts';
import { renderShown, type ShowContext } from './show-context.ts';
import { roomOfPlace } from './slack-context.ts';
import type { SlackDeps } from './slack-deps.ts';
import type { SlackSent } from './slack-output.ts';
import { uploadFiles } from './upload-files.ts';
import { showVoicedReply, type VoicedSent } from './voiced-reply.ts';

export async function showReply(reply: ShownReply, context: ShowContext, voicing: Voicing | undefined) {
  const { output, deps, room } = context;
  if (reply.visibility === 'private') {
    const { messages, files } = renderShown(reply);
    await output.showPrivate(messages);
    if (files.length > 0) await uploadFiles(files, { ...context, privately: true });
    return;
  }
  const sent: VoicedSent[] = voicing
    ? await showVoicedReply(reply, voicing, context)
    : await showPublicReply(reply, context);
  rememberVotes(sent, deps, room);
  await rememberBeats(reply, sent, context);
}

/**
 * The messages that show the reply's beat (a character's line its own), filed under the channel: a reaction
 * event names the channel and the message, never the thread, so the entry says which room the beat is in.
 */
async function rememberBeats(reply: ShownReply, sent: readonly VoicedSent[], context: ShowContext) {
  const { deps, room, place } = context;
  const shown = beatShownBy(reply);
  const byBeat = new Map<string, string[]>();
  for (const message of sent) {
    const beatId = message.beatId ?? shown;
    // A message holding a vote's buttons is the vote's.
    if (!beatId || message.ephemeral || message.message.vote) continue;
    byBeat.set(beatId, [...(byBeat.get(beatId) ?? []), message.messageId]);
  }
  const channel = roomOfPlace({ teamId: place.teamId, channel: place.channel });
  for (const [beatId, ids] of byBeat) {
    await rememberShown(ids, beatId, {
      room,
      place: channel,
      beatMessages: deps.beatMessages,
      logger: deps.logger,
    });
  }
}

async function showPublicReply(reply: ShownReply, context: ShowContext): Promise<SlackSent[]> {
  const { messages, files } = renderShown(reply);
  const sent = await context.output.showPublic(messages, { final: true });
  if (files.length > 0) await uploadFiles(files, { ...context, privately: false });
  return sent;
}

/** Every sent message with an open vote's buttons is followed by the vote tracker. */
function rememberVotes(sent: SlackSent[], deps: SlackDeps, room: RoomRef) {
  for (const message of sent) {
    const vote = message.message.vote;
    if (vote?.open) deps.votes.remember(room, vote.voteId, message);
  }
}
