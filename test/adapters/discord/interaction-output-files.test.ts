import type { REST, RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createInteractionOutput } from '../../../src/adapters/discord/interaction-output.ts';
import type { MessageDraft } from '../../../src/adapters/discord/render/message-draft.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

/** A deferred interaction that records what the output asks discord.js to send. */
function deferredInteraction() {
  const edits: Record<string, unknown>[] = [];
  const interaction = {
    id: '1',
    channelId: '2',
    guildId: '3',
    applicationId: '4',
    token: 'token',
    createdTimestamp: Date.now(),
    deferred: true,
    replied: false,
    ephemeral: false,
    async editReply(options: Record<string, unknown>) {
      edits.push(options);
      return { id: '10' };
    },
  };
  return { interaction: interaction as unknown as RepliableInteraction, edits };
}

const draft = (content: string, bytes?: number[]): MessageDraft => ({
  content,
  embeds: [],
  components: [],
  ...(bytes && { files: [{ name: 'story.md', bytes: new Uint8Array(bytes) }] }),
});

describe('a reply carrying a file, edited', () => {
  it('uploads the file once: not again on an unchanged edit, nor when only the text changes', async () => {
    const { interaction, edits } = deferredInteraction();
    const output = createInteractionOutput(interaction, {
      rest: {} as REST,
      logger: createRecordingLogger(),
      now: Date.now,
      ownsOriginal: true,
    });

    await output.showPublic([draft('Here it is.', [1, 2, 3])], { final: true });
    await output.showPublic([draft('Here it is.', [1, 2, 3])], { final: true });
    await output.showPublic([draft('Here it is, again.', [1, 2, 3])], { final: true });
    await output.showPublic([draft('Here it is, again.', [1, 2, 4])], { final: true });
    await output.showPublic([draft('No file now.')], { final: true });

    expect(edits.map((edit) => edit.content)).toEqual([
      'Here it is.',
      'Here it is, again.',
      'Here it is, again.',
      'No file now.',
    ]);
    const files = edits.map((edit) => edit.files as { name: string; attachment: Buffer }[] | undefined);
    expect(files[0]?.map((file) => [file.name, [...file.attachment]])).toEqual([['story.md', [1, 2, 3]]]);
    expect(files[1]).toBeUndefined();
    expect(edits[1]?.attachments).toBeUndefined();
    expect(files[2]?.map((file) => [...file.attachment])).toEqual([[1, 2, 4]]);
    expect(files[3]).toBeUndefined();
    expect(edits[3]?.attachments).toEqual([]);
  });
});
