// The screenplay's elements and their rules, in one place: what a beat is on the page (a scene heading and
// its description, a CHARACTER cue with its parenthetical and dialogue, action, a transition). The terminal,
// Discord, the prompt and the export formats each lay these out for their medium; none decides them again.
import type { Beat, Scene } from '../story/types.ts';

export type ScreenplayElement =
  /** In capitals, as a slug line reads. */
  | { type: 'scene-heading'; text: string }
  /** What the scene's opener wrote under its heading. */
  | { type: 'scene-description'; text: string }
  /** The speaker's name in capitals; empty when the beat names none. */
  | { type: 'character'; text: string }
  /** The acting note without its parentheses; a renderer adds them. */
  | { type: 'parenthetical'; text: string }
  | { type: 'dialogue'; text: string }
  | { type: 'action'; text: string }
  /** In capitals, e.g. "CUT TO:". */
  | { type: 'transition'; text: string };

export type ElementType = ScreenplayElement['type'];

/** The elements one beat is made of, in page order. */
export function beatElements(beat: Beat, scenes: Readonly<Record<string, Scene>> = {}): ScreenplayElement[] {
  switch (beat.kind) {
    case 'scene': {
      const description = beat.sceneId ? scenes[beat.sceneId]?.description : undefined;
      const heading: ScreenplayElement = { type: 'scene-heading', text: beat.text.toUpperCase() };
      return description ? [heading, { type: 'scene-description', text: description }] : [heading];
    }
    case 'dialogue': {
      const elements: ScreenplayElement[] = [
        { type: 'character', text: oneLine(beat.character ?? '').toUpperCase() },
      ];
      const parenthetical = parentheticalText(beat.parenthetical);
      if (parenthetical) elements.push({ type: 'parenthetical', text: parenthetical });
      elements.push({ type: 'dialogue', text: beat.text });
      return elements;
    }
    case 'transition':
      return [{ type: 'transition', text: beat.text.toUpperCase() }];
    case 'action':
      return [{ type: 'action', text: beat.text }];
  }
}

/** An acting note as stored may carry its own parentheses ("(quietly)"); the page adds them once. */
export function parentheticalText(note: string | undefined): string | undefined {
  const text = oneLine(note ?? '')
    .replace(/^\(+|\)+$/g, '')
    .trim();
  return text || undefined;
}

/** A cue or an acting note stands on one line: a line break inside it would end it (or a Discord quote). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
