// /review: a critic's review of the story so far, public; `personal` weighs it toward what the asker voted
// for and reacted to, and is for them alone.
import { msg } from '../i18n/message.ts';
import { type EngineCore, readStory } from './engine-core.ts';
import { narratorCannot, UserError } from './errors.ts';
import type { Narration, NarrationOptions } from './narrator.ts';
import { sentimentOf } from './reaction-emoji.ts';
import type { PersonalAngle, Review } from './recap-review.ts';
import { reactionsBy } from './reception.ts';
import { authorOf } from './rules.ts';
import { recordUsage } from './token-usage.ts';
import { canonicalPath } from './tree.ts';
import type { Actor, RoomRef, RoomState } from './types.ts';

/** Votes and reactions a personal review weighs, newest first. */
const ANGLE_MAX = 5;

/** What the person backed in votes and reacted to, on the story as it stands. */
export function personalAngle(room: RoomState, actor: Actor): PersonalAngle {
  const path = canonicalPath(room);
  const backed: PersonalAngle['backed'] = [];
  const votes = Object.values(room.votes)
    .filter((vote) => vote.status === 'closed' && Object.hasOwn(vote.ballots, actor.id))
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  for (const vote of votes.slice(0, ANGLE_MAX)) {
    const choice = vote.ballots[actor.id] as number;
    const option = vote.options[choice];
    if (option === undefined) continue;
    const won = vote.result?.winner === choice;
    backed.push({ option, won, steered: won ? path.find((beat) => beat.voteId === vote.id) : undefined });
  }
  const reacted = reactionsBy(room, actor.id, ANGLE_MAX).map(({ beat, emoji }) => {
    const score = emoji.reduce((sum, e) => {
      const sentiment = sentimentOf(e);
      return sum + (sentiment === 'positive' ? 1 : sentiment === 'negative' ? -1 : 0);
    }, 0);
    return {
      beat,
      emoji,
      sentiment: score > 0 ? ('positive' as const) : score < 0 ? ('negative' as const) : ('neutral' as const),
    };
  });
  return { name: actor.name, backed, reacted };
}

export function createReviews(core: EngineCore) {
  return {
    /** A critic's review of the story so far; with `personal`, weighted toward the asker's votes and reactions. */
    async review(
      ref: RoomRef,
      actor: Actor,
      input: { personal?: boolean | undefined },
      stream?: NarrationOptions,
    ): Promise<Narration<Review>> {
      const state = await readStory(core, ref, (room) => {
        if (room.headId === null) throw new UserError('review.empty', msg('audience.review.empty'));
      });
      if (!core.narrator.review) throw narratorCannot('review');
      const personal = input.personal ? personalAngle(state, actor) : undefined;
      const result = await core.narrator.review({ room: state, personal }, stream);
      await recordUsage(core, ref, authorOf(actor), 'review', result);
      return result;
    },
  };
}
