// Changes the room shows without anyone typing a command: today, a vote closing at its deadline.
import { voteOutcome } from '../../commands/format.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { msg } from '../../i18n/message.ts';
import type { RoomChange } from '../../story/engine.ts';
import { renderVote } from './render-vote.ts';
import { printable } from './wrap.ts';

/** What to print for a change in the room, or an empty list when the command's own reply covers it. */
export function renderChange(change: RoomChange, now: number): string[] {
  const notices: string[] = [];
  // A notice is public: it is shown in the room's language.
  const translator = sharedTranslator();
  const locale = matchLocale(change.room.story?.language, translator.locales);
  for (const event of change.events) {
    if (event.type !== 'vote.closed' || event.actor.kind !== 'system') continue;
    const vote = change.room.votes[event.voteId];
    if (!vote) continue;
    const lines = [
      translator.translate(locale, msg('console.vote.deadline-notice')),
      translator.translate(locale, voteOutcome(vote)),
      '',
      ...renderVote(vote, now, locale),
    ];
    notices.push(printable(lines.join('\n')));
  }
  return notices;
}
