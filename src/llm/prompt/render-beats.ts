// Beats as screenplay text for the prompt. Rendering is cached per beat object: beats never change once
// stored, and the memory planner renders the same ones for every request.
import { beatElements, type ScreenplayElement } from '../../screenplay/elements.ts';
import type { Beat, RoomState } from '../../story/types.ts';
import { MATERIAL_MAX, materialBody } from './story-material.ts';
import { estimateTokens } from './token-estimate.ts';

interface Rendered {
  text: string;
  tokens: number;
}

const cache = new WeakMap<Beat, Rendered>();

export function renderBeat(beat: Beat, room?: RoomState): Rendered {
  const cached = cache.get(beat);
  if (cached) return cached;
  const text = beatElements(beat, room?.scenes).map(renderElement).join('\n');
  const rendered = { text, tokens: estimateTokens(text) + 1 };
  cache.set(beat, rendered);
  return rendered;
}

/** Beats joined the way the prompt shows them: one blank line between beats. */
export function renderBeats(beats: readonly Beat[], room?: RoomState): string {
  return beats.map((beat) => renderBeat(beat, room).text).join('\n\n');
}

/** Each element capped and defused as story material; the whole window is fenced by the caller. */
function renderElement(element: ScreenplayElement): string {
  switch (element.type) {
    case 'scene-heading':
    case 'action':
    case 'dialogue':
    case 'transition':
      return materialBody(element.text, MATERIAL_MAX.beat);
    case 'scene-description':
      return materialBody(element.text, 300);
    case 'character':
      return materialBody(element.text || 'SOMEONE', 40);
    case 'parenthetical':
      return `(${materialBody(element.text, 100)})`;
  }
}
