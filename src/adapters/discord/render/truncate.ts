// Shortens text to at most `max` characters with an ellipsis, never cutting a surrogate pair (Discord refuses
// or garbles the half left over) or a markdown escape's backslash from the character it escapes.
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  let backslashes = 0;
  while (backslashes < cut && text[cut - backslashes - 1] === '\\') backslashes++;
  if (backslashes % 2 === 1) cut--;
  return `${text.slice(0, cut)}…`;
}
