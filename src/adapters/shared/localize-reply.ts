// A command's reply in its reader's language: catalog messages become text, people's and the model's text
// stays as it is. Which language: a private reply follows the person, a public one the room.
import type { Reply, ShownBlock, ShownReply, Text } from '../../commands/command.ts';
import { sharedTranslator, type Translator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';

/**
 * The catalog language a reply is shown in: a private reply in the person's own language (Discord's
 * interaction locale, Slack's user locale, the terminal's LANG), a public one in the room's.
 */
export function replyLocale(
  reply: Pick<Reply, 'visibility' | 'language'>,
  personLocale: string | undefined,
  translator: Translator = sharedTranslator(),
): string {
  return matchLocale(reply.visibility === 'private' ? personLocale : reply.language, translator.locales);
}

export function localizeReply(
  reply: Reply,
  personLocale: string | undefined,
  translator: Translator = sharedTranslator(),
): ShownReply {
  const locale = replyLocale(reply, personLocale, translator);
  const show = (value: Text): string =>
    typeof value === 'string' ? value : translator.translate(locale, value);
  const blocks = reply.blocks.map((block): ShownBlock => {
    switch (block.type) {
      case 'text':
        return { type: 'text', text: show(block.text) };
      case 'fields':
        return {
          type: 'fields',
          title: block.title === undefined ? undefined : show(block.title),
          fields: block.fields.map((field) => ({ name: show(field.name), value: show(field.value) })),
        };
      default:
        return block;
    }
  });
  return { visibility: reply.visibility, blocks, language: locale };
}
