// Files a reply carries (exports, the story map), through files.uploadV2: a public reply's into its channel
// or thread, a private reply's into a direct message with the person (Slack has no ephemeral files). A file
// over Slack's upload limit is not sent; the person is told its size and the limit.
import { privateReply, text } from '../../commands/command.ts';
import { fileSize } from '../../commands/file-size.ts';
import { type Message, msg } from '../../i18n/message.ts';
import { UPLOAD_LIMITS } from '../../screenplay/upload-limit.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import type { SlackFile } from './render/index.ts';
import { renderShown, type ShowContext } from './show-context.ts';

export async function uploadFiles(
  files: SlackFile[],
  context: ShowContext & { privately: boolean },
  /** Slack's per-file limit (1 GB); a workspace may set a lower one, which the upload's error then says. */
  limit = UPLOAD_LIMITS.slack,
): Promise<void> {
  const { client, place, privately } = context;
  const fitting = files.filter((file) => file.bytes.length <= limit);
  for (const file of files) {
    if (file.bytes.length <= limit) continue;
    await tellPrivately(
      msg('slack.file.too-large', {
        name: file.name,
        size: fileSize(file.bytes.length),
        limit: fileSize(limit),
      }),
      context,
    );
  }
  if (fitting.length === 0) return;
  let channel = place.channel;
  if (privately) {
    const opened = await client.conversations.open({ users: place.userId });
    if (!opened.channel?.id) throw new Error('conversations.open answered without a channel');
    channel = opened.channel.id;
  }
  for (const file of fitting) {
    const upload = {
      channel_id: channel,
      file: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      filename: file.name,
    };
    await client.filesUploadV2(
      !privately && place.threadTs ? { ...upload, thread_ts: place.threadTs } : upload,
    );
  }
  if (privately) {
    const names = fitting.map((file) => file.name).join(', ');
    await tellPrivately(msg('slack.file.sent-direct', { names, count: fitting.length }), context);
  }
}

async function tellPrivately(message: Message, context: ShowContext) {
  const reply = localizeReply(privateReply(text(message)), context.personLocale);
  await context.output.showPrivate(renderShown(reply).messages);
}
