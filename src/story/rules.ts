// Who may do what, and the checks every change to a room goes through. Messages are for the person acting.
import { UserError } from './errors.ts';
import { HEADING_MAX, NAME_MAX, TEXT_MAX } from './limits.ts';
import { findCharacter } from './tree.ts';
import type { Actor, Author, Character, RoomState, StoryInfo } from './types.ts';

export const authorOf = (actor: Actor): Author => ({ kind: 'user', id: actor.id, name: actor.name });

export function requireStory(room: RoomState): StoryInfo {
  if (!room.story) {
    throw new UserError('story.missing', 'No story has been started here yet. Start one with /scene start.');
  }
  return room.story;
}

export function requireUnlocked(room: RoomState): void {
  if (!room.locked) return;
  const by = room.locked.by.kind === 'user' ? ` by ${room.locked.by.name}` : '';
  throw new UserError(
    'room.locked',
    `This room is locked${by}. Only a moderator can unlock it, with /room unlock.`,
  );
}

export function requireModerator(actor: Actor, what: string): void {
  if (actor.role !== 'moderator') throw new UserError('role.moderator', `Only moderators can ${what}.`);
}

/** Writing the story (beats, lines, scenes, votes, characters) follows the room's "who may continue". */
export function requireWriter(room: RoomState, actor: Actor): void {
  if (actor.role === 'moderator' || actor.role === 'writer') return;
  if (room.settings.whoMayContinue === 'everyone') return;
  throw new UserError(
    'role.writer',
    'In this room only writers and moderators add to the story. You can still vote on branches.',
  );
}

export function requireCooldown(room: RoomState, actor: Actor, now: number): void {
  if (actor.role === 'moderator' || room.settings.cooldownMs <= 0) return;
  const last = room.lastBeatAt[actor.id];
  if (!last) return;
  const wait = Date.parse(last) + room.settings.cooldownMs - now;
  if (wait > 0) {
    throw new UserError(
      'cooldown',
      `You're on cooldown in this room: try again in ${Math.ceil(wait / 1000)} s.`,
    );
  }
}

/** Everything a new beat needs: a story, an unlocked room, the right role, no cooldown, no beat in progress. */
export function requireCanAddBeat(
  room: RoomState,
  actor: Actor,
  now: number,
  generating: { name: string } | undefined,
): StoryInfo {
  const story = requireStory(room);
  requireUnlocked(room);
  requireWriter(room, actor);
  requireNotGenerating(generating);
  requireCooldown(room, actor, now);
  return story;
}

export function requireNotGenerating(generating: { name: string } | undefined): void {
  if (!generating) return;
  throw new UserError(
    'beat.in-progress',
    `A beat is already being written (asked by ${generating.name}). Wait for it to finish, or a moderator can cancel it with /scene cancel.`,
  );
}

export function requireCharacter(room: RoomState, name: string): Character {
  const character = findCharacter(room, name);
  if (character) return character;
  const known = room.characters.map((c) => c.name);
  const list =
    known.length > 0 ? `Characters in this story: ${known.join(', ')}.` : 'This story has no characters yet.';
  throw new UserError(
    'character.unknown',
    `There is no character named "${name}". ${list} Add one with /character add.`,
  );
}

export function cleanText(text: string, field: string, max = TEXT_MAX): string {
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  if (cleaned.length === 0) throw new UserError('text.empty', `The ${field} can't be empty.`);
  if (cleaned.length > max) {
    throw new UserError(
      'text.long',
      `The ${field} may be at most ${max} characters; yours has ${cleaned.length}.`,
    );
  }
  return cleaned;
}

export function cleanName(name: string): string {
  const cleaned = name.replace(/\s+/g, ' ').trim();
  if (cleaned.length === 0) throw new UserError('name.empty', "A character's name can't be empty.");
  if (cleaned.length > NAME_MAX) {
    throw new UserError('name.long', `A character's name may be at most ${NAME_MAX} characters.`);
  }
  return cleaned;
}

const HEADING_PREFIX = /^(INT\.\/EXT\.|INT\/EXT\.?|I\/E\.?|INT\.|EXT\.|EST\.)\s*/i;

/** Screenplay scene headings: "INT. DINER - NIGHT". A leading "." forces a heading, as in Fountain. */
export function cleanHeading(heading: string): string {
  let text = heading.replace(/\s+/g, ' ').trim();
  if (text.startsWith('.')) text = text.slice(1).trim();
  const match = HEADING_PREFIX.exec(text);
  if (!match) {
    throw new UserError(
      'scene.heading',
      'A scene heading starts with INT., EXT., INT./EXT. or EST., e.g. "INT. DINER - NIGHT".',
    );
  }
  const rest = text.slice(match[0].length).trim();
  if (rest.length === 0)
    throw new UserError('scene.heading', 'Say where the scene is, e.g. "INT. DINER - NIGHT".');
  if (text.length > HEADING_MAX)
    throw new UserError('scene.heading', `A scene heading may be at most ${HEADING_MAX} characters.`);
  return `${(match[1] ?? '').toUpperCase()} ${rest.toUpperCase()}`;
}
