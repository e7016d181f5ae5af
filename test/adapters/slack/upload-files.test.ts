// Files through files.uploadV2: into the channel's thread for a public reply; a file over Slack's limit is
// not sent, and the person is told its size and the limit.
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../src/adapters/slack/render/index.ts';
import type { ShowContext } from '../../../src/adapters/slack/show-context.ts';
import type { SlackDeps } from '../../../src/adapters/slack/slack-deps.ts';
import type { SlackOutput } from '../../../src/adapters/slack/slack-output.ts';
import { uploadFiles } from '../../../src/adapters/slack/upload-files.ts';

function fakeContext() {
  const uploads: Record<string, unknown>[] = [];
  const told: SlackMessage[] = [];
  const client = {
    filesUploadV2: async (args: Record<string, unknown>) => {
      uploads.push(args);
      return { ok: true };
    },
    conversations: { open: async () => ({ ok: true, channel: { id: 'D0ALICE' } }) },
  } as unknown as WebClient;
  const output = {
    showPrivate: async (messages: SlackMessage[]) => {
      told.push(...messages);
    },
  } as unknown as SlackOutput;
  const context: ShowContext = {
    client,
    room: { platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY:1700000000.000100' },
    place: { teamId: 'T0TEAM', channel: 'C0STORY', threadTs: '1700000000.000100', userId: 'U0ALICE' },
    actor: { id: 'U0ALICE', name: 'alice', role: 'moderator' },
    output,
    deps: {} as SlackDeps,
    personLocale: 'en-US',
  };
  return { context, uploads, told };
}

const file = (name: string, size: number) => ({ name, mime: 'text/plain', bytes: new Uint8Array(size) });

describe('uploadFiles', () => {
  it("uploads a public reply's files into its thread", async () => {
    const { context, uploads, told } = fakeContext();
    await uploadFiles([file('story.md', 10)], { ...context, privately: false });
    expect(uploads).toEqual([
      expect.objectContaining({
        channel_id: 'C0STORY',
        thread_ts: '1700000000.000100',
        filename: 'story.md',
      }),
    ]);
    expect(told).toEqual([]);
  });

  it('sends no file over the limit and says how large it is and what the limit is', async () => {
    const { context, uploads, told } = fakeContext();
    await uploadFiles(
      [file('huge.pdf', 3 * 1024 * 1024), file('small.md', 10)],
      { ...context, privately: true },
      2 * 1024 * 1024,
    );
    expect(uploads).toEqual([expect.objectContaining({ channel_id: 'D0ALICE', filename: 'small.md' })]);
    expect(told.map((message) => message.text).join('\n')).toContain(
      "huge.pdf is 3 MB, more than Slack's upload limit of 2 MB",
    );
  });
});
