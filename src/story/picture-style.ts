// The look a room's storyboard frames are drawn in: the room's style notes (/style set notes:…), which say
// how the story should feel, cut to a short phrase for the images prompt. The sample passage is prose, not
// a look, so it stays out of the picture prompt.
import type { RoomState } from './types.ts';

const PICTURE_STYLE_MAX = 200;

/** The room's own picture style as a short phrase for the images prompt; undefined: the storyboard default. */
export function pictureStyle(room: RoomState): string | undefined {
  const notes = room.style?.notes?.trim();
  if (!notes) return undefined;
  return Array.from(notes).slice(0, PICTURE_STYLE_MAX).join('');
}
