// A branch vote in the terminal: lettered options with their counts, the deadline, and how it ended.
import { formatDuration } from '../../commands/format.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import { type Message, msg } from '../../i18n/message.ts';
import type { Vote } from '../../story/types.ts';
import { optionLetter, tally } from '../../story/votes.ts';
import { displayWidth, indent, padEnd } from './wrap.ts';

/** Options are padded to the widest, in display columns (Chinese takes two each), up to this many. */
const OPTION_PAD_MAX = 40;

/** Local wall-clock time, HH:MM:SS. */
const clockTime = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

function status(vote: Vote, total: number, now: number): Message {
  if (vote.status === 'cancelled') return msg('console.vote.cancelled');
  if (vote.status === 'open') {
    const deadline = Date.parse(vote.deadline);
    const left = deadline - now;
    const when =
      left > 0
        ? msg('console.vote.closes-in', { duration: formatDuration(left) })
        : msg('console.vote.closing-now');
    return msg('console.vote.open', { when, time: clockTime(deadline), quorum: vote.quorum ?? 0 });
  }
  const result = vote.result;
  if (result?.reason === 'quorum') {
    return msg('console.vote.closed-quorum', { total, needed: vote.quorum ?? 0 });
  }
  if (result?.winner === null || result === undefined) {
    return result?.reason === 'closed-early'
      ? msg('console.vote.closed-early-no-votes')
      : msg('console.vote.closed-no-votes');
  }
  if (result.reason === 'moderator') return msg('console.vote.closed-by-moderator');
  if (result.reason === 'closed-early') return msg('console.vote.closed-early');
  return msg('console.vote.closed-at-deadline');
}

/** The vote's lines in that catalog language (the reply's or the room's). */
export function renderVote(vote: Vote, now: number, locale: string = SOURCE_LOCALE): string[] {
  const t = (message: Message) => sharedTranslator().translate(locale, message);
  const counts = vote.status === 'open' || !vote.result ? tally(vote) : vote.result.tally;
  const total = counts.reduce((sum, count) => sum + count, 0);
  const width = Math.min(OPTION_PAD_MAX, Math.max(...vote.options.map(displayWidth)));
  const winner = vote.status === 'closed' ? vote.result?.winner : undefined;
  const options = vote.options.map((option, index) => {
    const mark = winner === index ? `  ${t(msg('console.vote.winner'))}` : '';
    const count = t(msg('console.vote.count', { count: counts[index] ?? 0 }));
    return `${optionLetter(index)}. ${padEnd(option, width)}  ${count}${mark}`;
  });
  const lines = [t(msg('console.vote.heading', { status: status(vote, total, now) })), ...indent(options, 2)];
  if (vote.status === 'open') {
    const last = optionLetter(vote.options.length - 1);
    lines.push(indent([t(msg('console.vote.so-far', { count: total, last }))], 2)[0] as string);
  }
  return lines;
}
