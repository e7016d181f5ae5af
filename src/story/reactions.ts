// The audience reacts to beats (issue 13): every platform's reactions come through one call, react(). One
// reaction per person per emoji per beat: a repeated one (or the removal of one never made) stores nothing,
// and a beat holds at most REACTION_EMOJI_MAX distinct emoji.
import { msg } from '../i18n/message.ts';
import { commitAndNotify, type EngineCore } from './engine-core.ts';
import { UserError } from './errors.ts';
import { normalizeEmoji, type Sentiment, sentimentOf } from './reaction-emoji.ts';
import {
  REACTION_CHANGES_MAX,
  REACTION_EMOJI_MAX,
  reactionChangesOf,
  reactorsOf,
} from './reactions-state.ts';
import { authorOf, requireStory, requireUnlocked } from './rules.ts';
import { canonicalPath } from './tree.ts';
import type { Actor, Beat, RoomRef, RoomState } from './types.ts';

export interface ReactionInput {
  /** The beat: its id (what a platform's message map gives), its number in the story (1 = first), or "last". */
  beat: string;
  /** As the platform or the person gave it: 👍, "+1", ":fire:", a custom emoji's name. */
  emoji: string;
  /** True to take the reaction back. */
  removed?: boolean | undefined;
}

export interface ReactionOutcome {
  beat: Beat;
  /** Its number on the story's path (1 = first); undefined for a beat no longer on it (undone, rewritten). */
  number: number | undefined;
  emoji: string;
  sentiment: Sentiment;
  removed: boolean;
  /** False when nothing changed: the person had already reacted so (or had not, for a removal). */
  changed: boolean;
  /** How many people now react to the beat with this emoji. */
  count: number;
}

/** A beat by id, by its number on the story's path, or "last" (the head). */
export function findBeat(room: RoomState, ref: string): { beat: Beat; number: number | undefined } {
  const wanted = ref.trim();
  const path = canonicalPath(room);
  const numberOf = (beat: Beat) => {
    const index = path.findIndex((b) => b.id === beat.id);
    return index < 0 ? undefined : index + 1;
  };
  if (Object.hasOwn(room.beats, wanted)) {
    const beat = room.beats[wanted] as Beat;
    return { beat, number: numberOf(beat) };
  }
  const last = /^(last|latest|最后|最新)$/i.test(wanted);
  const position = last ? path.length : /^\d{1,9}$/.test(wanted) ? Number(wanted) : Number.NaN;
  const beat = path[position - 1];
  if (beat) return { beat, number: position };
  throw new UserError(
    'reaction.no-beat',
    path.length === 0
      ? msg('audience.react.no-beats')
      : msg('audience.react.unknown-beat', { beat: wanted.slice(0, 20), count: path.length }),
  );
}

export function createReactions(core: EngineCore) {
  return {
    /**
     * A person reacts to a beat, or takes a reaction back. Platforms call it with the beat id their message
     * map gives (adapters/shared/beat-messages.ts); /react with a number or "last".
     */
    react(ref: RoomRef, actor: Actor, input: ReactionInput): Promise<ReactionOutcome> {
      const emoji = normalizeEmoji(input.emoji);
      if (emoji === undefined) {
        throw new UserError('reaction.emoji', msg('audience.react.not-an-emoji'));
      }
      const removed = input.removed === true;
      return core.registry.run(ref, async (room) => {
        requireStory(room.state);
        requireUnlocked(room.state);
        const { beat, number } = findBeat(room.state, input.beat);
        const people = reactorsOf(room.state, beat.id, emoji);
        const had = people.includes(actor.id);
        const outcome = { beat, number, emoji, sentiment: sentimentOf(emoji), removed };
        if (had !== removed) return { ...outcome, changed: false, count: people.length };
        // Someone clicking an emoji on and off without end: their further changes on this beat are not kept.
        if (reactionChangesOf(room.state, beat.id, actor.id) >= REACTION_CHANGES_MAX)
          return { ...outcome, changed: false, count: people.length };
        const held = Object.keys(room.state.reactions?.[beat.id] ?? {}).length;
        if (!removed && people.length === 0 && held >= REACTION_EMOJI_MAX) {
          throw new UserError('reaction.full', msg('audience.react.full', { max: REACTION_EMOJI_MAX }));
        }
        // A removal arrives without a name on some platforms: the name they reacted under is kept.
        const name = actor.name || room.state.contributors[actor.id]?.name || actor.id;
        await commitAndNotify(core, room, authorOf({ ...actor, name }), [
          { type: removed ? 'reaction.removed' : 'reaction.added', beatId: beat.id, emoji },
        ]);
        return { ...outcome, changed: true, count: reactorsOf(room.state, beat.id, emoji).length };
      });
    },
  };
}
