// A vote in Block Kit: the question and one line per option with its live count, when it closes (Slack's
// date token, shown in each reader's own time zone), and one button per option while it is open. A closed
// or cancelled vote has no buttons: the winner is marked and the result said.
import type { types } from '@slack/bolt';
import { voteOutcome } from '../../../commands/format.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../../i18n/catalog.ts';
import { type Message, msg } from '../../../i18n/message.ts';
import type { RoomRef, Vote } from '../../../story/types.ts';
import { optionLetter, tally } from '../../../story/votes.ts';
import { escapeLiteral, escapeMrkdwn, oneLine } from './escape-mrkdwn.ts';
import { fitText } from './fit-text.ts';
import { ACTIONS_ELEMENTS_MAX, BUTTON_TEXT_MAX } from './limits.ts';
import {
  contextPiece,
  type KnownBlock,
  type Piece,
  packMessages,
  type SlackMessage,
} from './slack-message.ts';
import { voteButtonId } from './vote-button-id.ts';

/** What a button's label adds around its option: the letter, and the count in brackets. */
const LABEL_FRAME = 16;

/** The vote as pieces for packMessages, in that catalog language (a public vote: the room's). */
export function votePieces(vote: Vote, room: RoomRef, locale: string = SOURCE_LOCALE): Piece[] {
  const t = (message: Message) => sharedTranslator().translate(locale, message);
  const counts = vote.result?.tally ?? tally(vote);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const winner = vote.status === 'closed' ? vote.result?.winner : undefined;
  const title = t(
    vote.status === 'open'
      ? msg('slack-render.vote.title-open')
      : vote.status === 'closed'
        ? msg('slack-render.vote.title-closed')
        : msg('slack-render.vote.title-cancelled'),
  );
  const lines = vote.options.map((option, index) => {
    const values = {
      letter: optionLetter(index),
      option: escapeLiteral(oneLine(option)),
      count: counts[index] ?? 0,
    };
    return t(msg(winner === index ? 'slack-render.vote.winner' : 'slack-render.vote.option', values));
  });
  const status =
    vote.status === 'open'
      ? t(msg('slack-render.vote.open-status', { deadline: slackDate(vote.deadline), count: total }))
      : escapeMrkdwn(t(voteOutcome(vote)));
  const pieces: Piece[] = [
    { type: 'text', text: `*${escapeLiteral(title)}*\n${lines.join('\n')}` },
    contextPiece(status),
  ];
  if (vote.status === 'open')
    pieces.push({ type: 'block', block: buttonRow(vote, room, counts, t), text: '' });
  return pieces;
}

/** One actions block: a vote has at most five options, far under the block's 25 buttons. */
function buttonRow(
  vote: Vote,
  room: RoomRef,
  counts: readonly number[],
  t: (message: Message) => string,
): KnownBlock {
  const buttons: types.Button[] = vote.options.slice(0, ACTIONS_ELEMENTS_MAX).map((option, index) => {
    const id = voteButtonId({ room, voteId: vote.id, option: index });
    const label = t(
      msg('slack-render.vote.button', {
        letter: optionLetter(index),
        // The option is shortened, not the count after it.
        option: fitText(escapeMrkdwn(oneLine(option)), BUTTON_TEXT_MAX - LABEL_FRAME),
        count: counts[index] ?? 0,
      }),
    );
    return {
      type: 'button',
      action_id: id,
      value: id,
      text: { type: 'plain_text', text: fitText(label, BUTTON_TEXT_MAX), emoji: true },
    };
  });
  return { type: 'actions', elements: buttons };
}

/** Slack's date token: the reader's client shows it in their own time zone; the fallback is UTC. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}

/** A vote as its own message(s), for posting it and for updating its counts and state later. */
export function renderVote(vote: Vote, room: RoomRef, locale: string = SOURCE_LOCALE): SlackMessage[] {
  const rendered = packMessages(votePieces(vote, room, locale), escapeMrkdwn(vote.id));
  return rendered.map((message) => ({
    ...message,
    vote: { room, voteId: vote.id, open: vote.status === 'open' },
  }));
}
