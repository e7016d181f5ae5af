// Shortens escaped text to a limit with an ellipsis, for places that show a short form of text shown in full
// elsewhere (a button's label, a notification): cut where splitText would cut, never inside an entity
// ("&amp;"), a surrogate pair or a grapheme cluster.
import { splitText } from '../../shared/split-text.ts';

export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const [first = ''] = splitText(text, max - 1, { entities: true });
  return `${first}…`;
}
