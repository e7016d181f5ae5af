// Beats as screenplay text for the prompt. Rendering is cached per beat object: beats never change once
// stored, and the memory planner renders the same ones for every request.
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
  const body = materialBody(beat.text, MATERIAL_MAX.beat);
  let text: string;
  switch (beat.kind) {
    case 'scene': {
      const scene = beat.sceneId ? room?.scenes[beat.sceneId] : undefined;
      const description = scene?.description ? `\n${materialBody(scene.description, 300)}` : '';
      text = `${body.toUpperCase()}${description}`;
      break;
    }
    case 'dialogue': {
      const name = (beat.character ?? 'SOMEONE').toUpperCase();
      const parenthetical = beat.parenthetical ? `\n(${materialBody(beat.parenthetical, 100)})` : '';
      text = `${materialBody(name, 40)}${parenthetical}\n${body}`;
      break;
    }
    case 'transition':
      text = body.toUpperCase();
      break;
    default:
      text = body;
  }
  const rendered = { text, tokens: estimateTokens(text) + 1 };
  cache.set(beat, rendered);
  return rendered;
}

/** Beats joined the way the prompt shows them: one blank line between beats. */
export function renderBeats(beats: readonly Beat[], room?: RoomState): string {
  return beats.map((beat) => renderBeat(beat, room).text).join('\n\n');
}
