// How reactions sit in a room's state: beat -> emoji -> who. Applying an event is idempotent, so a flood of
// the same reaction can never grow the state (the engine stores no duplicate either; see reactions.ts).
import type { StoryEvent } from './events.ts';
import type { RoomState } from './types.ts';

/** Distinct emoji a beat holds (Discord's own limit per message is 20). */
export const REACTION_EMOJI_MAX = 20;

type ReactionEvent = Extract<StoryEvent, { type: 'reaction.added' | 'reaction.removed' }>;

/** A record's own value (keys are people's text: "constructor" must not find Object's). */
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

/** Who reacted to the beat with the emoji. */
export const reactorsOf = (room: RoomState, beatId: string, emoji: string): readonly string[] =>
  own(own(room.reactions, beatId), emoji) ?? [];

export function applyReaction(room: RoomState, event: ReactionEvent): void {
  // "__proto__" would set an object's prototype: never an emoji (reaction-emoji.ts), refused here too.
  if (event.actor.kind !== 'user' || event.emoji === '__proto__' || event.beatId === '__proto__') return;
  const who = event.actor.id;
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
