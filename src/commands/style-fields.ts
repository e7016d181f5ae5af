// The room's style as fields (/style set and /style show): notes, who set it, and the sample's profile.
import { msg } from '../i18n/message.ts';
import type { StyleView } from '../story/style.ts';
import type { Block, Text } from './command.ts';

/** Function words shown: the most frequent few. */
export const FUNCTION_WORDS_SHOWN = 5;

export function styleFields(style: StyleView): Block {
  const { profile } = style;
  const rows: { name: Text; value: Text }[] = [
    { name: msg('style.show.notes'), value: style.notes ?? msg('style.show.no-notes') },
    {
      name: msg('style.show.sample'),
      value: style.sample
        ? msg('style.show.sample-size', { chars: Array.from(style.sample).length })
        : msg('style.show.no-sample'),
    },
  ];
  if (profile) {
    const words = profile.functionWords.slice(0, FUNCTION_WORDS_SHOWN);
    rows.push(
      {
        name: msg('style.profile.sentence-length'),
        value: msg('style.profile.sentence-length-value', {
          value: profile.meanSentenceLength,
          unit: profile.unit,
        }),
      },
      {
        name: msg('style.profile.dialogue'),
        value: msg('style.profile.dialogue-value', { share: profile.dialogueShare }),
      },
      {
        name: msg('style.profile.type-token-ratio'),
        value: msg('style.profile.type-token-ratio-value', { value: profile.typeTokenRatio }),
      },
      {
        name: msg('style.profile.function-words'),
        value:
          words.length > 0
            ? msg('style.profile.list', {
                items: words.map((use) => msg('style.profile.function-word', { ...use })),
              })
            : msg('style.profile.no-function-words'),
      },
    );
  }
  rows.push({
    name: msg('style.show.set-by'),
    value: msg('style.show.set-by-value', {
      name: style.setBy.kind === 'user' ? style.setBy.name : '—',
      at: new Date(style.at),
    }),
  });
  return { type: 'fields', title: msg('style.show.title'), fields: rows };
}
