// A command's reply as terminal text: blocks separated by blank lines, private replies marked as such.
import type { ShownBlock, ShownReply } from '../../commands/command.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import { type Message, msg } from '../../i18n/message.ts';
import { formatBytes } from './format-bytes.ts';
import { renderBeats } from './render-beats.ts';
import { renderVote } from './render-vote.ts';
import { printable } from './wrap.ts';

export interface RenderOptions {
  /** Who sees a private reply: "you" for the local user, otherwise the name used with /as. */
  viewer: string;
  now: number;
}

function renderBlock(block: ShownBlock, now: number, locale: string): string[] {
  switch (block.type) {
    case 'text':
      return block.text.split('\n');
    case 'beats':
      return renderBeats(block.beats, block.scenes, locale);
    case 'vote':
      return renderVote(block.vote, now, locale);
    case 'fields': {
      const pad = block.title ? '  ' : '';
      const fields = block.fields.map(
        ({ name, value }) => `${pad}${name}: ${value.split('\n').join(`\n${pad}  `)}`,
      );
      return block.title ? [block.title, ...fields] : fields;
    }
    case 'file':
      return [
        sharedTranslator().translate(
          locale,
          msg('console.file.shown', { name: block.name, size: formatBytes(block.bytes.length) }),
        ),
      ];
  }
}

export function renderReply(reply: ShownReply, options: RenderOptions): string {
  // The reply is already in its reader's language (localizeReply); what the terminal adds follows it.
  const locale = reply.language ?? SOURCE_LOCALE;
  const body = reply.blocks.map((block) => renderBlock(block, options.now, locale).join('\n')).join('\n\n');
  if (reply.visibility === 'public') return printable(body);
  const marker: Message =
    options.viewer === 'you'
      ? msg('console.private.you')
      : msg('console.private.viewer', { name: options.viewer });
  return printable(`${sharedTranslator().translate(locale, marker)}\n${body}`);
}
