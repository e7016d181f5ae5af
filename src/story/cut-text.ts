// Cutting people's and the model's text to a length without breaking it: never half a surrogate pair (a lone
// surrogate is not valid text), half an emoji sequence or a letter without its accent.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` UTF-16 units, cut between grapheme clusters, trailing space dropped. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // Only the part that can stay is segmented (a cluster is far shorter than 64 units).
  for (const { index, segment } of graphemes.segment(text.slice(0, max + 64))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  // One cluster longer than the limit (a letter under hundreds of marks): cut between code points instead.
  if (end === 0)
    for (const char of text)
      if (end + char.length <= max) end += char.length;
      else break;
  return text.slice(0, end).trimEnd();
}
