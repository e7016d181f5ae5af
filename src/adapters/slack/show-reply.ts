// A command's reply, localized, shown in Slack: a private one as ephemeral messages (files by direct
// message), a public one in the channel or thread (files uploaded there), with character voices when the
// room has them on. Messages that show an open vote are remembered, so its buttons stay current.
import type { ShownReply } from '../../commands/command.ts';
import type { RoomRef } from '../../story/types.ts';
import type { Voicing } from '../shared/voicing.ts';
import { renderShown, type ShowContext } from './show-context.ts';
import type { SlackDeps } from './slack-deps.ts';
import type { SlackSent } from './slack-output.ts';
import { uploadFiles } from './upload-files.ts';
import { showVoicedReply } from './voiced-reply.ts';

export async function showReply(reply: ShownReply, context: ShowContext, voicing: Voicing | undefined) {
  const { output, deps, room } = context;
  if (reply.visibility === 'private') {
    const { messages, files } = renderShown(reply);
    await output.showPrivate(messages);
    if (files.length > 0) await uploadFiles(files, { ...context, privately: true });
    return;
  }
  const sent = voicing
    ? await showVoicedReply(reply, voicing, context)
    : await showPublicReply(reply, context);
  rememberVotes(sent, deps, room);
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
