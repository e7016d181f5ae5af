// A branch vote in the terminal: lettered options with their counts, the deadline, and how it ended.
import { formatDuration } from '../../commands/format.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import type { Vote } from '../../story/types.ts';
import { optionLetter, tally } from '../../story/votes.ts';
import { displayWidth, indent, padEnd } from './wrap.ts';

/** Options are padded to the widest, in display columns (Chinese takes two each), up to this many. */
const OPTION_PAD_MAX = 40;

/** Local wall-clock time, HH:MM:SS. */
const clockTime = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function status(vote: Vote, total: number, now: number): string {
  if (vote.status === 'cancelled') return 'cancelled';
  if (vote.status === 'open') {
    const deadline = Date.parse(vote.deadline);
    const left = deadline - now;
    const when =
      left > 0
        ? `closes in ${sharedTranslator().translate(SOURCE_LOCALE, formatDuration(left))}`
        : 'closing now';
    const quorum = vote.quorum === undefined ? '' : ` · needs ${plural(vote.quorum, 'vote')}`;
    return `open · ${when} (at ${clockTime(deadline)})${quorum}`;
  }
  const result = vote.result;
  if (result?.reason === 'quorum') {
    return `closed without a winner: ${total} of the ${vote.quorum ?? 0} votes needed`;
  }
  if (result?.winner === null || result === undefined) {
    return result?.reason === 'closed-early'
      ? 'closed early by a moderator with no votes, so no winner'
      : 'closed with no votes, so no winner';
  }
  if (result.reason === 'moderator') return 'closed by a moderator, who picked the winner';
  if (result.reason === 'closed-early') return 'closed early by a moderator; the ballots decided';
  return 'closed at its deadline';
}

export function renderVote(vote: Vote, now: number): string[] {
  const counts = vote.status === 'open' || !vote.result ? tally(vote) : vote.result.tally;
  const total = counts.reduce((sum, count) => sum + count, 0);
  const width = Math.min(OPTION_PAD_MAX, Math.max(...vote.options.map(displayWidth)));
  const winner = vote.status === 'closed' ? vote.result?.winner : undefined;
  const options = vote.options.map((option, index) => {
    const mark = winner === index ? '  ← winner' : '';
    return `${optionLetter(index)}. ${padEnd(option, width)}  ${plural(counts[index] ?? 0, 'vote')}${mark}`;
  });
  const lines = [`VOTE · ${status(vote, total, now)}`, ...indent(options, 2)];
  if (vote.status === 'open') {
    const last = optionLetter(vote.options.length - 1);
    lines.push(
      indent([`${plural(total, 'vote')} so far. Vote with /vote cast A … ${last}.`], 2)[0] as string,
    );
  }
  return lines;
}
