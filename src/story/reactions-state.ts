// How reactions sit in a room's state: beat -> emoji -> who, and how many changes each person made on a beat.
// A repeated reaction never grows who reacted (the engine stores no duplicate either; see reactions.ts), and the
// count of changes lets the engine stop storing someone who clicks the same emoji on and off without end.
import type { StoryEvent } from './events.ts';
import type { RoomState } from './types.ts';

/** Distinct emoji a beat holds (Discord's own limit per message is 20). */
export const REACTION_EMOJI_MAX = 20;
/**
 * Reaction changes (adds and removals) one person may make on one beat. Clicking the same emoji on and off
 * would otherwise append to the log without end; past this, their changes on that beat are not stored.
 */
export const REACTION_CHANGES_MAX = 40;

type ReactionEvent = Extract<StoryEvent, { type: 'reaction.added' | 'reaction.removed' }>;

/** A record's own value (keys are people's text: "constructor" must not find Object's). */
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

/** Who reacted to the beat with the emoji. */
export const reactorsOf = (room: RoomState, beatId: string, emoji: string): readonly string[] =>
  own(own(room.reactions, beatId), emoji) ?? [];

/** How many reaction changes the person has made on the beat. */
export const reactionChangesOf = (room: RoomState, beatId: string, who: string): number =>
  own(own(room.reactionChanges, beatId), who) ?? 0;

export function applyReaction(room: RoomState, event: ReactionEvent): void {
  // "__proto__" would set an object's prototype: never an emoji (reaction-emoji.ts), refused here too.
  if (event.actor.kind !== 'user' || event.emoji === '__proto__' || event.beatId === '__proto__') return;
  const who = event.actor.id;
  if (who === '__proto__') return;
  const changes = room.reactionChanges ?? {};
  room.reactionChanges = changes;
  const counted = own(changes, event.beatId) ?? {};
  counted[who] = (own(counted, who) ?? 0) + 1;
  changes[event.beatId] = counted;
  const reactions = room.reactions ?? {};
  room.reactions = reactions;
  const beat = own(reactions, event.beatId) ?? {};
  const people = own(beat, event.emoji) ?? [];
  if (event.type === 'reaction.added') {
    if (people.includes(who)) return;
    if (people.length === 0 && Object.keys(beat).length >= REACTION_EMOJI_MAX) return;
    beat[event.emoji] = [...people, who];
    reactions[event.beatId] = beat;
    return;
  }
  const left = people.filter((id) => id !== who);
  if (left.length > 0) beat[event.emoji] = left;
  else delete beat[event.emoji];
  if (Object.keys(beat).length > 0) reactions[event.beatId] = beat;
  else delete reactions[event.beatId];
}
