// Beats as a screenplay reads in a terminal (the elements come from src/screenplay): scene headings flush left, CHARACTER names centred-ish,
// (parentheticals) and dialogue indented, action full width, transitions to the right, and who wrote it.
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import { msg } from '../../i18n/message.ts';
import { beatElements, type ScreenplayElement } from '../../screenplay/elements.ts';
import type { Beat, Scene } from '../../story/types.ts';
import { alignRight, indent, wrap } from './wrap.ts';

export const PAGE_WIDTH = 60;
const CHARACTER_INDENT = 20;
const PARENTHETICAL_INDENT = 15;
const DIALOGUE_INDENT = 10;
const DIALOGUE_WIDTH = 35;

/** Longest part of a direction repeated under the beat it steered. */
const DIRECTION_SHOWN_MAX = 60;

/** Who wrote the beat; for the narrator also what it was asked to do (a direction or a vote's winner). */
function attribution(beat: Beat, locale: string): string | undefined {
  const { author } = beat;
  if (author.kind === 'user') return `— ${author.name}`;
  if (author.kind !== 'narrator') return undefined;
  if (!beat.direction) return `— ${author.model}`;
  const chars = Array.from(beat.direction.replace(/\s+/g, ' ').trim());
  const shown =
    chars.length > DIRECTION_SHOWN_MAX ? `${chars.slice(0, DIRECTION_SHOWN_MAX).join('')}…` : chars.join('');
  return sharedTranslator().translate(
    locale,
    msg('console.beat.toward', { model: author.model, direction: shown }),
  );
}

/** The beat on the page; `locale` is the reply's language, for the words around who wrote it. */
export function renderBeat(
  beat: Beat,
  scenes: Record<string, Scene> = {},
  locale: string = SOURCE_LOCALE,
): string[] {
  const lines = beatElements(beat, scenes).flatMap(renderElement);
  const by = attribution(beat, locale);
  if (by) lines.push(...wrap(by, PAGE_WIDTH).map((line) => alignRight(line, PAGE_WIDTH)));
  return lines;
}

function renderElement(element: ScreenplayElement): string[] {
  switch (element.type) {
    case 'scene-heading':
    case 'action':
      return wrap(element.text, PAGE_WIDTH);
    case 'scene-description':
      return ['', ...wrap(element.text, PAGE_WIDTH)];
    case 'character':
      return indent(wrap(element.text, PAGE_WIDTH - CHARACTER_INDENT), CHARACTER_INDENT);
    case 'parenthetical':
      return indent(wrap(`(${element.text})`, DIALOGUE_WIDTH - 5), PARENTHETICAL_INDENT);
    case 'dialogue':
      return indent(wrap(element.text, DIALOGUE_WIDTH), DIALOGUE_INDENT);
    case 'transition':
      return wrap(element.text, PAGE_WIDTH).map((line) => alignRight(line, PAGE_WIDTH));
  }
}

export function renderBeats(
  beats: readonly Beat[],
  scenes?: Record<string, Scene>,
  locale: string = SOURCE_LOCALE,
): string[] {
  return beats.flatMap((beat, index) => [...(index > 0 ? [''] : []), ...renderBeat(beat, scenes, locale)]);
}
