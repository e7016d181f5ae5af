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
    throw new UserError('story.missing', msg('story.story.missing'));
  }
  return room.story;
}

export function requireUnlocked(room: RoomState): void {
  if (!room.locked) return;
  const { by } = room.locked;
  throw new UserError(
    'room.locked',
    by.kind === 'user' ? msg('story.room.locked-by', { name: by.name }) : msg('story.room.locked'),
  );
}

/** What only moderators may do, as the refusal names it (story.action.* in the catalog). */
export type ModeratorAction =
  | 'export-story'
  | 'import-story'
  | 'see-token-usage'
  | 'close-votes'
  | 'extend-votes'
  | 'cancel-votes'
  | 'pin-canon'
  | 'remove-canon'
  | 'undo-beats'
  | 'rewrite-beats'
  | 'cancel-others-beat'
  | 'discard-others-proposal'
  | 'remove-others-characters'
  | 'see-settings'
  | 'change-settings'
  | 'lock-room'
  | 'unlock-room'
  | 'set-style'
  | 'clear-style';

export function requireModerator(actor: Actor, what: ModeratorAction): void {
  if (actor.role !== 'moderator')
    throw new UserError(
      'role.moderator',
      msg('story.role.moderator', { action: msg(`story.action.${what}`) }),
    );
}

/** Writing the story (beats, lines, scenes, votes, characters) follows the room's "who may continue". */
export function requireWriter(room: RoomState, actor: Actor): void {
  if (actor.role === 'moderator' || actor.role === 'writer') return;
  if (room.settings.whoMayContinue === 'everyone') return;
  throw new UserError('role.writer', msg('story.role.writer'));
}

export function requireCooldown(room: RoomState, actor: Actor, now: number): void {
  if (actor.role === 'moderator' || room.settings.cooldownMs <= 0) return;
  const last = room.lastBeatAt[actor.id];
  if (!last) return;
  const wait = Date.parse(last) + room.settings.cooldownMs - now;
  if (wait > 0) {
    throw new UserError('cooldown', msg('story.cooldown.wait', { seconds: Math.ceil(wait / 1000) }));
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
  throw new UserError('beat.in-progress', msg('story.beat.in-progress', { name: generating.name }));
}

export function requireCharacter(room: RoomState, name: string): Character {
  const character = findCharacter(room, name);
  if (character) return character;
  const names = room.characters.map((c) => c.name);
  throw new UserError(
    'character.unknown',
    msg('story.character.unknown', { name, names, count: names.length }),
  );
}

/** Refuses text that normalizing emptied although it had characters: they were all invisible. */
function refuseInvisible(original: string, cleaned: string, field: TextField): void {
  if (onlyInvisible(original, cleaned)) {
    throw new UserError('text.invisible', msg('story.text.invisible', { field: fieldName(field) }));
  }
}

/** The fields people write, as refusals name them (story.field.* in the catalog). */
export type TextField =
  | 'title'
  | 'premise'
  | 'genre'
  | 'tone'
  | 'description'
  | 'voice'
  | 'canon-fact'
  | 'scene-description'
  | 'parenthetical'
  | 'line'
  | 'action'
  | 'transition'
  | 'hint'
  | 'direction'
  | 'character-name'
  | 'style-sample'
  | 'style-notes';

const fieldName = (field: TextField) => msg(`story.field.${field}`);

function refuseEmptyOrLong(cleaned: string, field: TextField, max: number): void {
  if (cleaned.length === 0)
    throw new UserError('text.empty', msg('story.text.empty', { field: fieldName(field) }));
  if (cleaned.length > max) {
    throw new UserError(
      'text.long',
      msg('story.text.long', { field: fieldName(field), max, length: cleaned.length }),
    );
  }
}

/** Prose (a line, an action, a description): normalized (normalize-text.ts), not empty, at most `max`. */
export function cleanText(text: string, field: TextField, max = TEXT_MAX): string {
  const cleaned = normalizeProse(text);
  refuseInvisible(text, cleaned, field);
  refuseEmptyOrLong(cleaned, field, max);
  return cleaned;
}

/** A one-line label (a title, a canon fact): normalized to one line, not empty, at most `max`. */
export function cleanLabel(text: string, field: TextField, max = TEXT_MAX): string {
  const cleaned = normalizeLabel(text);
  refuseInvisible(text, cleaned, field);
  refuseEmptyOrLong(cleaned, field, max);
  return cleaned;
}

export function cleanName(name: string): string {
  const cleaned = normalizeLabel(name);
  refuseInvisible(name, cleaned, 'character-name');
  if (cleaned.length === 0) throw new UserError('name.empty', msg('story.name.empty'));
  if (cleaned.length > NAME_MAX) {
    throw new UserError('name.long', msg('story.name.long', { max: NAME_MAX }));
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
    throw new UserError('character.exists', msg('story.character.exists', { name: same.name }));
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
    throw new UserError('scene.heading', msg('story.scene.heading-prefix'));
  }
  const rest = text.slice(match[0].length).trim();
  if (rest.length === 0) throw new UserError('scene.heading', msg('story.scene.heading-place'));
  if (text.length > HEADING_MAX)
    throw new UserError('scene.heading', msg('story.scene.heading-long', { max: HEADING_MAX }));
  return `${(match[1] ?? '').toUpperCase()} ${rest.toUpperCase()}`;
}
