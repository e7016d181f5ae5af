// Beats as a screenplay reads in Discord markdown (the elements come from src/screenplay): a bold scene
// heading, dialogue set off as a quote under the CHARACTER's name with its (parenthetical), action as plain
// paragraphs, transitions in capitals.
import { beatElements, parentheticalText, type ScreenplayElement } from '../../../screenplay/elements.ts';
import type { Beat, Scene } from '../../../story/types.ts';
import { dialogueLines } from '../../shared/dialogue-lines.ts';
import { escapeText } from './escape-text.ts';

export function renderBeats(beats: readonly Beat[], scenes: Record<string, Scene> = {}): string {
  return beats.map((beat) => renderBeat(beat, scenes)).join('\n\n');
}

export function renderBeat(beat: Beat, scenes: Record<string, Scene> = {}): string {
  const elements = beatElements(beat, scenes);
  if (beat.kind !== 'dialogue') return elements.map(renderElement).join('\n');
  // Dialogue is set off as one quote: blank lines would end it, so paragraphs become single line breaks.
  return elements
    .flatMap((element) =>
      element.type === 'dialogue' ? dialogueLines(element.text).map(escapeText) : [renderElement(element)],
    )
    .map((line) => `> ${line}`)
    .join('\n');
}

function renderElement(element: ScreenplayElement): string {
  switch (element.type) {
    case 'scene-heading':
    case 'character':
    case 'transition':
      return `**${escapeText(element.text)}**`;
    case 'scene-description':
      return `*${escapeText(element.text)}*`;
    case 'parenthetical':
      return `*(${escapeText(element.text)})*`;
    case 'dialogue':
    case 'action':
      return escapeText(element.text.trim());
  }
}

/** A line of dialogue as its character's own message (character voices): the author shows the name. */
export function renderSpokenLine(beat: Beat): string {
  const parenthetical = parentheticalText(beat.parenthetical);
  const text = escapeText(beat.text.trim());
  return parenthetical ? `${renderElement({ type: 'parenthetical', text: parenthetical })}\n${text}` : text;
}
