// Beats as a screenplay reads in Discord markdown: a bold scene heading, dialogue set off as a quote under
// the CHARACTER's name with its (parenthetical), action as plain paragraphs, transitions in capitals.
import type { Beat, Scene } from '../../../story/types.ts';
import { escapeText } from './escape-text.ts';

export function renderBeats(beats: readonly Beat[], scenes: Record<string, Scene> = {}): string {
  return beats.map((beat) => renderBeat(beat, scenes)).join('\n\n');
}

export function renderBeat(beat: Beat, scenes: Record<string, Scene> = {}): string {
  switch (beat.kind) {
    case 'scene': {
      const scene = beat.sceneId ? scenes[beat.sceneId] : undefined;
      const heading = `**${escapeText((scene?.heading ?? beat.text).toUpperCase())}**`;
      return scene?.description ? `${heading}\n*${escapeText(scene.description)}*` : heading;
    }
    case 'dialogue': {
      const lines = [`**${escapeText(oneLine(beat.character ?? '').toUpperCase())}**`];
      const parenthetical = parentheticalLine(beat);
      if (parenthetical) lines.push(parenthetical);
      lines.push(...paragraphLines(beat.text));
      return lines.map((line) => `> ${line}`).join('\n');
    }
    case 'transition':
      return `**${escapeText(beat.text.toUpperCase())}**`;
    case 'action':
      return escapeText(beat.text.trim());
  }
}

/** A line of dialogue as its character's own message (character voices): the author shows the name. */
export function renderSpokenLine(beat: Beat): string {
  const parenthetical = parentheticalLine(beat);
  const text = escapeText(beat.text.trim());
  return parenthetical ? `${parenthetical}\n${text}` : text;
}

function parentheticalLine(beat: Beat): string | undefined {
  const parenthetical = oneLine(beat.parenthetical ?? '').replace(/^\(+|\)+$/g, '');
  return parenthetical ? `*(${escapeText(parenthetical)})*` : undefined;
}

/** A name or parenthetical on one line: a line break inside it would end the quote. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Dialogue stays inside one quote: blank lines would end it, so paragraphs become single line breaks. */
function paragraphLines(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(escapeText);
}
