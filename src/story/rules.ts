// Who may do what, and the checks every change to a room goes through. Messages are for the person acting.
import { msg } from '../i18n/message.ts';
import { confusableKind, looksAlike } from './confusable-skeleton.ts';
import { UserError } from './errors.ts';
import { HEADING_MAX, NAME_MAX, TEXT_MAX } from './limits.ts';
import { normalizeLabel, normalizeProse, onlyInvisible } from './normalize-text.ts';
import { isMixedScript } from './script-sets.ts';
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

/** Refuses text that normalizing emptied although it had characters: they were all invisible. */
function refuseInvisible(original: string, cleaned: string, what: string): void {
  if (onlyInvisible(original, cleaned)) {
    throw new UserError(
      'text.invisible',
      `The ${what} has only invisible or direction-control characters, so there is nothing to show. Type it with visible letters.`,
    );
  }
}

/** Prose (a line, an action, a description): normalized (normalize-text.ts), not empty, at most `max`. */
export function cleanText(text: string, field: string, max = TEXT_MAX): string {
  const cleaned = normalizeProse(text);
  refuseInvisible(text, cleaned, field);
  if (cleaned.length === 0) throw new UserError('text.empty', `The ${field} can't be empty.`);
  if (cleaned.length > max) {
    throw new UserError(
      'text.long',
      `The ${field} may be at most ${max} characters; yours has ${cleaned.length}.`,
    );
  }
  return cleaned;
}

/** A one-line label (a title, a canon fact): normalized to one line, not empty, at most `max`. */
export function cleanLabel(text: string, field: string, max = TEXT_MAX): string {
  const cleaned = normalizeLabel(text);
  refuseInvisible(text, cleaned, field);
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
  const cleaned = normalizeLabel(name);
  refuseInvisible(name, cleaned, "character's name");
  if (cleaned.length === 0) throw new UserError('name.empty', "A character's name can't be empty.");
  if (cleaned.length > NAME_MAX) {
    throw new UserError('name.long', `A character's name may be at most ${NAME_MAX} characters.`);
  }
  return cleaned;
}

/**
 * A new name must not be taken for a character already in the story: the same name in another case or with
 * invisible characters (findCharacter), or a look-alike written with letters of another script (TR39 §5:
 * mixed-script and whole-script confusables, e.g. a Cyrillic "а" in "Vera"). Look-alikes within one script
 * ("Dorn" and "Dom") are different names and allowed.
 */
export function requireDistinctName(room: RoomState, name: string, except?: Character): void {
  const same = findCharacter(room, name);
  if (same && same !== except) {
    throw new UserError('character.exists', `There is already a character named ${same.name}.`);
  }
  for (const character of room.characters) {
    if (character === except || !looksAlike(character.name, name)) continue;
    const kind = confusableKind(name, character.name);
    if (kind === 'single-script') continue;
    const values = { name, existing: character.name };
    throw new UserError(
      'character.look-alike',
      kind === 'whole-script'
        ? msg('story.character.look-alike-other-script', values)
        : isMixedScript(name)
          ? msg('story.character.look-alike-mixed-script', values)
          : msg('story.character.look-alike', values),
    );
  }
}

// Chinese screenplays write 内景 (INT.), 外景 (EXT.) and 内外景 (INT./EXT.).
const HEADING_PREFIX = /^(INT\.\/EXT\.|INT\/EXT\.?|I\/E\.?|INT\.|EXT\.|EST\.|内外景|内景|外景)\s*/i;

/** Screenplay scene headings: "INT. DINER - NIGHT". A leading "." forces a heading, as in Fountain. */
export function cleanHeading(heading: string): string {
  let text = normalizeLabel(heading);
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
