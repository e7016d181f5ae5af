// Reads Fountain back with an independent parser (fountain-js) as a reader would: element types and their
// texts, markup escapes undone (as fountain-js renders them) and the invisible joiners the writer adds removed.
import { Fountain } from 'fountain-js';

export interface ReadElement {
  type: string;
  text: string;
}

export const unescapeFountain = (text: string): string =>
  text.replaceAll('\u2060', '').replace(/\\([@#!*_$~`+=.><\\/])/g, '$1');

export function readFountain(source: string): { title: Record<string, string>; elements: ReadElement[] } {
  const title: Record<string, string> = {};
  const elements: ReadElement[] = [];
  for (const token of new Fountain().parse(source, true).tokens) {
    const raw = token.type === 'transition' ? token.text?.replace(/^>\s*/, '') : token.text;
    const text = raw === undefined ? '' : unescapeFountain(raw);
    if (token.is_title) title[token.type] = text;
    else if (token.text !== undefined) elements.push({ type: token.type, text });
  }
  return { title, elements };
}
