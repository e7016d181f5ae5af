// Pieces every new beat is made of: its id, a scene heading's beat, and what the command gets back.
import type { BeatOutcome } from './engine-types.ts';
import type { StoryEvent } from './events.ts';
import type { LoadedRoom } from './room-registry.ts';
import { cleanHeading } from './rules.ts';
import type { SceneCard } from './scene-card.ts';
import type { Author, Beat, Scene } from './types.ts';

export const beatId = (room: LoadedRoom, offset = 1) => `b${room.state.seq + offset}`;

/** A new scene and the beat that opens it, after the room's head. */
export function sceneOpening(
  room: LoadedRoom,
  input: { heading: string; description: string; author: Author; at: string; card?: SceneCard | undefined },
) {
  const id = `s${room.state.seq + 1}`;
  const scene: Scene = { id, heading: cleanHeading(input.heading), description: input.description };
  if (input.card) scene.card = input.card;
  const beat: Beat = {
    id: beatId(room),
    parentId: room.state.headId,
    kind: 'scene',
    text: scene.heading,
    sceneId: id,
    author: input.author,
    at: input.at,
  };
  return [{ type: 'beat.added' as const, beat, scene }];
}

/** The beat the events added, with its scene, and the room after it. */
export function beatOutcome(room: LoadedRoom, events: readonly StoryEvent[]): BeatOutcome {
  const added = events.find((event) => event.type === 'beat.added');
  if (added?.type !== 'beat.added') throw new Error('no beat was added');
  return { beat: added.beat, scene: added.scene, room: room.state };
}
