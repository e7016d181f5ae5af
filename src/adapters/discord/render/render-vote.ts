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
import { type Message, msg } from '../../../i18n/message.ts';
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

/** The vote in that catalog language: a public vote message in the room's, a private one in the person's. */
export function renderVote(vote: Vote, room: RoomRef, locale: string = SOURCE_LOCALE): RenderedVote {
  const t = (message: Message) => sharedTranslator().translate(locale, message);
  const counts = vote.result?.tally ?? tally(vote);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const winner = vote.status === 'closed' ? vote.result?.winner : undefined;
  const lines = vote.options.map((option, index) => {
    const count = counts[index] ?? 0;
    const mark = winner === index ? ' ✅' : '';
    return `${t(msg('discord.vote.option', { letter: optionLetter(index), option: escapeText(option), count }))}${mark}`;
  });
  const status =
    vote.status === 'open'
      ? t(
          msg('discord.vote.open-status', {
            deadline: `<t:${Math.floor(Date.parse(vote.deadline) / 1000)}:R>`,
            count: total,
          }),
        )
      : escapeText(t(voteOutcome(vote)));
  const embed: APIEmbed = {
    title: t(
      vote.status === 'open'
        ? msg('discord.vote.title-open')
        : vote.status === 'closed'
          ? msg('discord.vote.title-closed')
          : msg('discord.vote.title-cancelled'),
    ),
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
