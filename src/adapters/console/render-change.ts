// Changes the room shows without anyone typing a command: today, a vote closing at its deadline.
import { voteOutcome } from '../../commands/format.ts';
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import type { RoomChange } from '../../story/engine.ts';
import { renderVote } from './render-vote.ts';
import { printable } from './wrap.ts';

/** What to print for a change in the room, or an empty list when the command's own reply covers it. */
export function renderChange(change: RoomChange, now: number): string[] {
  const notices: string[] = [];
  for (const event of change.events) {
    if (event.type !== 'vote.closed' || event.actor.kind !== 'system') continue;
    const vote = change.room.votes[event.voteId];
    if (!vote) continue;
    const lines = [
      'The vote has closed at its deadline.',
      sharedTranslator().translate(SOURCE_LOCALE, voteOutcome(vote)),
      '',
      ...renderVote(vote, now),
    ];
    notices.push(printable(lines.join('\n')));
  }
  return notices;
}
