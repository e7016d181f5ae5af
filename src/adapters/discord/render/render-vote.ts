// A vote as an embed with live counts and one button per option; closed or cancelled votes keep their
// buttons, disabled, with the winner highlighted and the result underneath.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { voteOutcome } from '../../../commands/format.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../../i18n/catalog.ts';
import type { RoomRef, Vote } from '../../../story/types.ts';
import { optionLetter, tally } from '../../../story/votes.ts';
import { escapeText } from './escape-text.ts';
import { truncate } from './truncate.ts';
import { voteButtonId } from './vote-button-id.ts';

const LABEL_MAX = 80;
const OPEN_COLOR = 0x5865f2;
const CLOSED_COLOR = 0x57f287;
const CANCELLED_COLOR = 0x99aab5;

export interface RenderedVote {
  embed: APIEmbed;
  components: APIActionRowComponent<APIButtonComponent>[];
}

export function renderVote(vote: Vote, room: RoomRef): RenderedVote {
  const counts = vote.result?.tally ?? tally(vote);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const winner = vote.status === 'closed' ? vote.result?.winner : undefined;
  const lines = vote.options.map((option, index) => {
    const count = counts[index] ?? 0;
    const mark = winner === index ? ' ✅' : '';
    return `**${optionLetter(index)}.** ${escapeText(option)} · ${count} ${count === 1 ? 'vote' : 'votes'}${mark}`;
  });
  const status =
    vote.status === 'open'
      ? `Closes <t:${Math.floor(Date.parse(vote.deadline) / 1000)}:R> · ${total} ${total === 1 ? 'vote' : 'votes'} so far. Click an option to vote; click another to change.`
      : escapeText(sharedTranslator().translate(SOURCE_LOCALE, voteOutcome(vote)));
  const embed: APIEmbed = {
    title:
      vote.status === 'open'
        ? 'What happens next?'
        : vote.status === 'closed'
          ? 'Vote closed'
          : 'Vote cancelled',
    description: `${lines.join('\n')}\n\n${status}`,
    color: vote.status === 'open' ? OPEN_COLOR : vote.status === 'closed' ? CLOSED_COLOR : CANCELLED_COLOR,
  };
  const buttons: APIButtonComponent[] = vote.options.slice(0, 5).map((option, index) => ({
    type: ComponentType.Button,
    custom_id: voteButtonId({ room, voteId: vote.id, option: index }),
    label: truncate(`${optionLetter(index)}. ${option}`, LABEL_MAX),
    style:
      vote.status === 'open'
        ? ButtonStyle.Primary
        : winner === index
          ? ButtonStyle.Success
          : ButtonStyle.Secondary,
    disabled: vote.status !== 'open',
  }));
  return { embed, components: [{ type: ComponentType.ActionRow, components: buttons }] };
}
