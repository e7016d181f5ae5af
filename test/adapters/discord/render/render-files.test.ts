import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../../src/adapters/discord/render/render-reply.ts';
import { localizeReply } from '../../../../src/adapters/shared/localize-reply.ts';
import { file, privateReply, publicReply, text } from '../../../../src/commands/command.ts';

const bytes = (n: number) => new Uint8Array([n]);

describe('a reply with files, as Discord messages', () => {
  it('attaches the file to the message that says what it is', () => {
    const drafts = renderReply(
      localizeReply(privateReply(text('The map:'), file('map.png', 'image/png', bytes(1))), 'en'),
    );
    expect(drafts).toEqual([
      { content: 'The map:', embeds: [], components: [], files: [{ name: 'map.png', bytes: bytes(1) }] },
    ]);
  });

  it('sends a file alone with no text, and puts more than ten on messages of their own', () => {
    expect(renderReply(localizeReply(publicReply(file('a.md', 'text/markdown', bytes(1))), 'en'))).toEqual([
      { content: '', embeds: [], components: [], files: [{ name: 'a.md', bytes: bytes(1) }] },
    ]);
    const many = Array.from({ length: 12 }, (_, index) => file(`f${index}.txt`, 'text/plain', bytes(index)));
    const drafts = renderReply(localizeReply(publicReply(text('Files:'), ...many), 'en'));
    expect(drafts.map((draft) => [draft.content, draft.files?.length])).toEqual([
      ['Files:', 10],
      ['', 2],
    ]);
  });
});
