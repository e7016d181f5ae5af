// A command's reply as terminal text: blocks separated by blank lines, private replies marked as such.
import type { ShownBlock, ShownReply } from '../../commands/command.ts';
import { formatBytes } from './format-bytes.ts';
import { renderBeats } from './render-beats.ts';
import { renderVote } from './render-vote.ts';
import { printable } from './wrap.ts';

export interface RenderOptions {
  /** Who sees a private reply: "you" for the local user, otherwise the name used with /as. */
  viewer: string;
  now: number;
}

function renderBlock(block: ShownBlock, now: number): string[] {
  switch (block.type) {
    case 'text':
      return block.text.split('\n');
    case 'beats':
      return renderBeats(block.beats, block.scenes);
    case 'vote':
      return renderVote(block.vote, now);
    case 'fields': {
      const pad = block.title ? '  ' : '';
      const fields = block.fields.map(
        ({ name, value }) => `${pad}${name}: ${value.split('\n').join(`\n${pad}  `)}`,
      );
      return block.title ? [block.title, ...fields] : fields;
    }
    case 'file':
      return [`File: ${block.name} (${formatBytes(block.bytes.length)})`];
  }
}

export function renderReply(reply: ShownReply, options: RenderOptions): string {
  const body = reply.blocks.map((block) => renderBlock(block, options.now).join('\n')).join('\n\n');
  if (reply.visibility === 'public') return printable(body);
  const marker = options.viewer === 'you' ? '(only you see this)' : `(only ${options.viewer} sees this)`;
  return printable(`${marker}\n${body}`);
}
