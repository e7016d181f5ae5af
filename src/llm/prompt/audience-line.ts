// The one line of the prompt on how the audience received the recent story (its reactions), for the
// volatile end of the prompt: it changes with every reaction, so it sits after everything prefix caches
// reuse. Bounded: a few figures and at most two short quotes, capped at AUDIENCE_LINE_TOKENS.
import { receptionOf } from '../../story/reception.ts';
import type { Beat, RoomState } from '../../story/types.ts';
import { material, materialBody } from './story-material.ts';
import { estimateTokens } from './token-estimate.ts';

export const AUDIENCE_LINE_TOKENS = 120;
/** How much of a beat the line quotes. */
const QUOTE_MAX = 60;

const quote = (beat: Beat) => {
  const who = beat.kind === 'dialogue' && beat.character ? `${beat.character.toUpperCase()}: ` : '';
  const chars = Array.from(beat.text.replace(/\s+/g, ' ').trim());
  const cut = chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join('')}…` : chars.join('');
  return material(`${who}${cut}`, QUOTE_MAX + 45);
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The line, or '' when nobody has reacted to the recent story. */
export function audienceLine(room: RoomState): string {
  const reception = receptionOf(room);
  if (!reception) return '';
  const parts = [
    `AUDIENCE: ${plural(reception.reactions, 'reaction')} on the last ${plural(reception.beats, 'beat')} (${reception.positive} positive, ${reception.negative} negative).`,
  ];
  const { liked, disliked, favourite, leastFavourite, turn } = reception;
  if (liked)
    parts.push(
      `Most liked: beat ${liked.number} ${quote(liked.beat)} (${signed(liked.score)} ${liked.emoji.join('')}).`,
    );
  if (disliked)
    parts.push(
      `Least liked: beat ${disliked.number} ${quote(disliked.beat)} (${signed(disliked.score)} ${disliked.emoji.join('')}).`,
    );
  const people: string[] = [];
  if (favourite) people.push(`${materialBody(favourite.name.toUpperCase(), 40)} ${signed(favourite.score)}`);
  if (leastFavourite && leastFavourite.name !== favourite?.name)
    people.push(`${materialBody(leastFavourite.name.toUpperCase(), 40)} ${signed(leastFavourite.score)}`);
  if (people.length > 0) parts.push(`Characters: ${people.join(', ')}.`);
  if (turn && turn.beat.id !== liked?.beat.id && turn.beat.id !== disliked?.beat.id)
    parts.push(`The vote-chosen turn at beat ${turn.number}: ${signed(turn.score)}.`);
  return capLine(parts);
}

/** Drops the later parts, then cuts, until the line fits its token cap. */
function capLine(parts: string[]): string {
  let line = parts.join(' ');
  while (estimateTokens(line) > AUDIENCE_LINE_TOKENS && parts.length > 1) {
    parts.pop();
    line = parts.join(' ');
  }
  if (estimateTokens(line) <= AUDIENCE_LINE_TOKENS) return line;
  const chars = Array.from(line);
  while (chars.length > 0 && estimateTokens(`${chars.join('')}…`) > AUDIENCE_LINE_TOKENS) chars.pop();
  return `${chars.join('')}…`;
}
