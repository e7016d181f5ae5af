// The prompt for a storyboard frame (/scene picture): the scene card (or the scene's heading and line), the
// moment the frame shows, the looks of the characters in it, the room's style, and the room's content rating,
// within PICTURE_PROMPT_MAX characters (DALL-E 2's limit; every images endpoint takes that much). The rating
// and the no-lettering rule are never cut; the scene's details give way first, from the least visual.

import { pictureStyle } from './picture-style.ts';
import { cutGraphemes } from './scene-card.ts';
import { findCharacter } from './tree.ts';
import type { Beat, ContentRating, RoomState, Scene } from './types.ts';

export const PICTURE_PROMPT_MAX = 1000;

const RATING_RULES: Record<ContentRating, string> = {
  general:
    'Suitable for all ages: no blood, no injuries, no weapons pointed at anyone, no nudity, nothing frightening in detail.',
  teen: 'Like a still from a PG-13 film: no gore, no nudity, no sexual content.',
  mature: 'Adult themes may be suggested, but no nudity, no sexual content and no gore in detail.',
};

const DEFAULT_STYLE = 'a loose pencil-and-wash storyboard sketch, cinematic framing, muted colours';
const NO_TEXT = 'No text, captions, lettering or speech bubbles in the image.';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Characters in the frame: those the card lists as present, and whoever speaks in the beat. */
function castOf(room: RoomState, scene: Scene, beat: Beat | undefined) {
  const names = [...(scene.card?.present.map((person) => person.name) ?? [])];
  if (beat?.character) names.unshift(beat.character);
  const seen = new Set<string>();
  const cast: string[] = [];
  for (const name of names) {
    const character = findCharacter(room, name);
    const key = (character?.name ?? name).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const look = character?.description ? `: ${cutGraphemes(oneLine(character.description), 200)}` : '';
    cast.push(`${(character?.name ?? name).toUpperCase()}${look}`);
  }
  return cast;
}

/** The prompt for a frame of `scene`, at `beat` when the frame shows a moment after its heading. */
export function picturePrompt(room: RoomState, scene: Scene, beat: Beat | undefined): string {
  const style = cutGraphemes(oneLine(pictureStyle(room) ?? DEFAULT_STYLE), 200);
  const rating = RATING_RULES[room.story?.rating ?? 'teen'];
  const head = `A single storyboard frame for a film scene, drawn as ${style}.`;
  const tail = `${rating} ${NO_TEXT}`;
  const card = scene.card;
  const details: string[] = [`Scene: ${oneLine(scene.heading)}.`];
  if (beat && beat.kind !== 'scene') {
    const who = beat.kind === 'dialogue' && beat.character ? `${beat.character.toUpperCase()} says: ` : '';
    details.push(`The moment: ${who}${cutGraphemes(oneLine(beat.text), 300)}`);
  }
  if (card) {
    if (card.location) details.push(`Place: ${card.location}.`);
    if (card.timeOfDay) details.push(`Time: ${card.timeOfDay}.`);
    if (card.lighting) details.push(`Lighting: ${card.lighting}.`);
  } else if (scene.description) details.push(`Setting: ${cutGraphemes(oneLine(scene.description), 300)}`);
  const cast = castOf(room, scene, beat);
  if (cast.length > 0) details.push(`Characters: ${cast.join('; ')}.`);
  if (card?.atmosphere) details.push(`Mood: ${card.atmosphere}.`);
  if (card && card.props.length > 0) details.push(`Props: ${card.props.join(', ')}.`);
  const space = PICTURE_PROMPT_MAX - head.length - tail.length - 2;
  const body = cutGraphemes(details.join(' '), Math.max(0, space));
  return `${head} ${body} ${tail}`;
}
