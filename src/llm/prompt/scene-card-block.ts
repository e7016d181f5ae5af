// The current scene's card (/scene build) in the prompt's tail while the scene lasts: where, when, mood,
// light, sound, props, and who wants what, fenced as story material and capped, so the narrator writes the
// scene the writers designed. It changes only when the scene does, so it costs prefix caching nothing.
import type { SceneCard } from '../../story/scene-card.ts';
import { material } from './story-material.ts';

/** The most of a card the prompt takes, in characters. */
export const CARD_BLOCK_MAX = 1600;

const LABELS: Record<string, string> = {
  location: 'Location',
  timeOfDay: 'Time',
  atmosphere: 'Atmosphere',
  lighting: 'Lighting',
  sounds: 'Sounds',
  props: 'Key props',
};

export function sceneCardBlock(heading: string, card: SceneCard): string {
  const lines = [heading];
  for (const key of ['location', 'timeOfDay', 'atmosphere', 'lighting', 'sounds'] as const)
    if (card[key]) lines.push(`${LABELS[key]}: ${card[key]}`);
  if (card.props.length > 0) lines.push(`${LABELS.props}: ${card.props.join('; ')}`);
  for (const person of card.present) lines.push(`${person.name.toUpperCase()} wants: ${person.wants}`);
  return `CURRENT SCENE (the writers' scene card; stay true to it while the scene lasts)\n${material(lines.join('\n'), CARD_BLOCK_MAX)}`;
}
