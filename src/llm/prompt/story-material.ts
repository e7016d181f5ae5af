// Text written by people (and anything derived from it) enters the prompt fenced, capped and labelled as
// story material, so a direction like "ignore your rules" is read as fiction, not as an instruction.

export const MATERIAL_OPEN = '<material>';
export const MATERIAL_CLOSE = '</material>';

/** Caps (in characters) for each kind of user text in the prompt. */
export const MATERIAL_MAX = {
  direction: 1000,
  title: 100,
  premise: 1000,
  description: 1000,
  voice: 200,
  canon: 500,
  hint: 500,
  summary: 4000,
  beat: 4000,
} as const;

/** Neutralizes our delimiter inside user text so it cannot close the fence early. */
function defuse(text: string): string {
  return text.replace(/<(\/?\s*material)/gi, '‹$1');
}

export function capText(text: string, max: number): string {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  if (clean.length <= max) return clean;
  return `${clean.slice(0, wholeEnd(clean, max - 1)).trimEnd()}…`;
}

/**
 * `end`, or one less when the cut would leave half a surrogate pair (an emoji) behind: a lone surrogate is
 * not valid UTF-8, and servers refuse or mangle the request.
 */
export function wholeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return end > 0 && code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/** User text, capped and fenced. */
export function material(text: string, max: number): string {
  return `${MATERIAL_OPEN}${defuse(capText(text, max))}${MATERIAL_CLOSE}`;
}

/** User text capped and defused, for blocks that are fenced as a whole (the recent beats). */
export function materialBody(text: string, max: number): string {
  return defuse(capText(text, max));
}
