// The words the export files themselves use around the story's text (English for now; one place, so the
// message catalog can take them over). The story's own text is never translated.
import { optionLetter } from '../story/votes.ts';
import type { NotKeptReason, VoteRecord } from './log-types.ts';

export const LABELS = {
  credit: 'Written by',
  narrator: (model: string) => `Narrator (${model})`,
  system: 'storyroom',
  notKept: (reason: NotKeptReason) =>
    reason === 'rewritten' ? 'Not kept: a take replaced by a rewrite' : 'Not kept: a branch undone',
  notKeptEnd: 'End of what was not kept',
  vote: 'Vote',
  voteResult(vote: VoteRecord): string {
    if (vote.status === 'open') return 'still open';
    if (vote.status === 'cancelled') return 'cancelled';
    const winner = vote.result?.winner;
    if (winner === null || winner === undefined) return 'no winner (quorum not met)';
    const how = vote.result?.reason === 'moderator' ? 'chosen by a moderator' : 'won';
    return `${optionLetter(winner)}. ${vote.options[winner] ?? ''} (${how})`;
  },
  /** "A. Climb the stairs: 2" for each option, with its count. */
  voteCounts(vote: VoteRecord): string[] {
    const tally = vote.result?.tally ?? countBallots(vote);
    return vote.options.map((option, index) => `${optionLetter(index)}. ${option}: ${tally[index] ?? 0}`);
  },
} as const;

/** Counts of a vote's final ballots by option (for votes still open or cancelled, which have no result). */
export function countBallots(vote: VoteRecord): number[] {
  const tally = vote.options.map(() => 0);
  for (const ballot of vote.ballots) tally[ballot.option] = (tally[ballot.option] ?? 0) + 1;
  return tally;
}
