// Vote rules that need no I/O: finding the open vote, counting, deciding the winner, checking options and
// durations.
import { msg } from '../i18n/message.ts';
import { UserError } from './errors.ts';
import { VOTE_MAX_MS, VOTE_MIN_MS, VOTE_OPTION_MAX } from './limits.ts';
import { foldKey, normalizeLabel, onlyInvisible } from './normalize-text.ts';
import type { RoomState, Vote, VoteResult } from './types.ts';

/** The vote a ballot or a moderator's action is for: `voteId`, or else the room's open vote. */
export function requireOpenVote(room: RoomState, voteId?: string): Vote {
  const id = voteId ?? room.openVoteId;
  // The id may come from a person (a button or `vote:`), so only the room's own votes count.
  const vote = id !== undefined && Object.hasOwn(room.votes, id) ? room.votes[id] : undefined;
  if (!vote) {
    throw new UserError('vote.none', voteId ? msg('story.vote.gone') : msg('story.vote.none-open'));
  }
  if (vote.status !== 'open') {
    throw new UserError('vote.closed', msg('story.vote.already-closed'));
  }
  return vote;
}

export function tally(vote: Vote): number[] {
  const counts = vote.options.map(() => 0);
  for (const option of Object.values(vote.ballots)) counts[option] = (counts[option] ?? 0) + 1;
  return counts;
}

/** The result of a vote closing on its own: quorum first, then most votes, ties to the option listed first. */
export function decideResult(vote: Vote, reason: 'deadline' | 'closed-early'): VoteResult {
  const counts = tally(vote);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (vote.quorum !== undefined && total < vote.quorum)
    return { winner: null, tally: counts, reason: 'quorum' };
  return { winner: leaderOf(counts), tally: counts, reason };
}

/** The option with most votes, ties to the one listed first; null when no vote was cast. */
export function leaderOf(counts: readonly number[]): number | null {
  if (counts.every((count) => count === 0)) return null;
  let winner = 0;
  for (let index = 1; index < counts.length; index++) {
    if ((counts[index] ?? 0) > (counts[winner] ?? 0)) winner = index;
  }
  return winner;
}

export function checkOptions(options: readonly string[]): string[] {
  const cleaned: string[] = [];
  for (const [index, option] of options.entries()) {
    const label = normalizeLabel(option);
    if (onlyInvisible(option, label)) {
      throw new UserError('vote.options', msg('story.vote.option-invisible', { number: index + 1 }));
    }
    if (label.length > 0) cleaned.push(label);
  }
  if (cleaned.length < 2 || cleaned.length > 5) {
    throw new UserError('vote.options', msg('story.vote.option-count', { count: cleaned.length }));
  }
  const long = cleaned.find((option) => option.length > VOTE_OPTION_MAX);
  if (long) {
    throw new UserError(
      'vote.options',
      msg('story.vote.option-long', { max: VOTE_OPTION_MAX, start: long.slice(0, 30), length: long.length }),
    );
  }
  const seen = new Set<string>();
  for (const option of cleaned) {
    const key = foldKey(option);
    if (seen.has(key)) throw new UserError('vote.options', msg('story.vote.option-twice', { option }));
    seen.add(key);
  }
  return cleaned;
}

export function checkDuration(ms: number): number {
  if (!Number.isFinite(ms) || ms < VOTE_MIN_MS || ms > VOTE_MAX_MS) {
    throw new UserError('vote.duration', msg('story.vote.duration'));
  }
  return Math.round(ms);
}

export const optionLetter = (index: number): string => String.fromCharCode(65 + index);
