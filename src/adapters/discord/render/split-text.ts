// Splits long text into message-sized pieces at paragraph breaks, else line breaks, else spaces; only a
// single unbroken run longer than the limit is cut mid-word.

/** A break earlier than this share of the limit wastes too much of a message; look for a finer one. */
const MIN_FILL = 0.3;

export function splitText(text: string, limit: number): string[] {
  if (limit < 20) throw new Error('splitText needs a limit of at least 20 characters');
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    let tail = rest.slice(cut).replace(/^\s+/, '');
    // A quoted line (dialogue) cut in the middle keeps its quote marker in the next message.
    if (rest[cut] !== '\n' && rest[cut - 1] !== '\n') {
      const lineStart = rest.lastIndexOf('\n', cut - 1) + 1;
      if (rest.startsWith('> ', lineStart)) tail = `> ${tail}`;
    }
    if (head.length > 0) chunks.push(head);
    rest = tail;
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

function findCut(text: string, limit: number): number {
  const minimum = Math.floor(limit * MIN_FILL);
  const candidates = [
    text.lastIndexOf('\n\n', limit - 1),
    text.lastIndexOf('\n', limit),
    lastWhitespace(text, limit),
  ];
  const good = candidates.find((index) => index >= minimum);
  if (good !== undefined) return good;
  const any = candidates.find((index) => index > 0);
  if (any !== undefined) return any;
  let cut = limit;
  // Never split an escape ("\*") or a surrogate pair.
  if (text[cut - 1] === '\\') cut--;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return cut;
}

function lastWhitespace(text: string, limit: number): number {
  for (let index = Math.min(limit, text.length - 1); index > 0; index--) {
    if (text[index] === ' ' || text[index] === '\t') return index;
  }
  return -1;
}
