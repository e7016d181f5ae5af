// Reading the beat tree: the canonical path runs from the root to the room's head.
import { foldKey } from './normalize-text.ts';
import type { Beat, RoomState, Scene } from './types.ts';

/** Beats on the canonical path, oldest first. */
export function canonicalPath(room: RoomState): Beat[] {
  const path: Beat[] = [];
  let id = room.headId;
  while (id !== null) {
    const beat = room.beats[id];
    if (!beat) break;
    path.push(beat);
    id = beat.parentId;
  }
  return path.reverse();
}

/** The last `count` beats on the canonical path, oldest first, without walking the whole path. */
export function recentBeats(room: RoomState, count: number): Beat[] {
  const out: Beat[] = [];
  let id = room.headId;
  while (id !== null && out.length < count) {
    const beat = room.beats[id];
    if (!beat) break;
    out.push(beat);
    id = beat.parentId;
  }
  return out.reverse();
}

/** The scene the head is in: the nearest scene beat on the path back from the head. */
export function currentScene(room: RoomState): Scene | undefined {
  let id = room.headId;
  while (id !== null) {
    const beat = room.beats[id];
    if (!beat) return undefined;
    if (beat.kind === 'scene' && beat.sceneId) return room.scenes[beat.sceneId];
    id = beat.parentId;
  }
  return undefined;
}

/** Children of a beat (or of the root for null), in the order they were written. */
export function childrenOf(room: RoomState, parentId: string | null): Beat[] {
  return Object.values(room.beats).filter((beat) => beat.parentId === parentId);
}

/** The character with this name, compared normalized and case-folded ("ve\u200bra" finds Vera). */
export function findCharacter(room: RoomState, name: string) {
  const wanted = foldKey(name);
  return room.characters.find((character) => foldKey(character.name) === wanted);
}
