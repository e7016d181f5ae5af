// The look a room's storyboard frames are drawn in. Rooms have no style of their own yet: this is the one
// place /scene picture reads it from, so a room style (the story bible's) plugs in here and nowhere else.
import type { RoomState } from './types.ts';

/** The room's own picture style as a short phrase for the images prompt; undefined: the storyboard default. */
export function pictureStyle(_room: RoomState): string | undefined {
  return undefined;
}
