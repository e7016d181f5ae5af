// Wording shared by several commands' replies, as catalog messages for the reader's language.
import { type Message, msg } from '../i18n/message.ts';
import type { RoomSettings, Vote } from '../story/types.ts';
import { optionLetter } from '../story/votes.ts';

/**
 * Names people type (commands, options, choices) as one list, the same in every language: they are code,
 * not prose, so not joined with "and".
 */
export const listed = (names: readonly string[]) => names.join(', ');

/** A duration in whole seconds: "1h30m" in English, "1小时30分钟" in Chinese. */
export function formatDuration(ms: number): Message {
  const total = Math.round(ms / 1000);
  if (total === 0) return msg('commands.duration.zero');
  return msg('commands.duration.text', {
    hours: Math.floor(total / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  });
}

export function voteOutcome(vote: Vote): Message {
  if (vote.status === 'cancelled') return msg('commands.vote-outcome.cancelled');
  const result = vote.result;
  if (!result) return msg('commands.vote-outcome.open');
  if (result.reason === 'quorum') {
    const cast = result.tally.reduce((a, b) => a + b, 0);
    return msg('commands.vote-outcome.quorum', { cast, needed: vote.quorum ?? 0 });
  }
  if (result.winner === null) {
    return result.reason === 'closed-early'
      ? msg('commands.vote-outcome.no-votes-closed-early')
      : msg('commands.vote-outcome.no-votes');
  }
  const winner = { letter: optionLetter(result.winner), option: vote.options[result.winner] ?? '' };
  if (result.reason === 'moderator') return msg('commands.vote-outcome.winner-by-moderator', winner);
  if (result.reason === 'closed-early') return msg('commands.vote-outcome.winner-closed-early', winner);
  return msg('commands.vote-outcome.winner', winner);
}

const onOff = (on: boolean) => msg('commands.settings.switch', { state: on ? 'on' : 'off' });

export function settingsFields(settings: RoomSettings): { name: Message; value: Message | string }[] {
  return [
    { name: msg('commands.settings.vote-duration'), value: formatDuration(settings.voteDurationMs) },
    {
      name: msg('commands.settings.who-may-continue'),
      value: msg('commands.settings.who', { who: settings.whoMayContinue }),
    },
    { name: msg('commands.settings.cooldown'), value: formatDuration(settings.cooldownMs) },
    { name: msg('commands.settings.auto-vote'), value: onOff(settings.autoVote) },
    { name: msg('commands.settings.character-voices'), value: onOff(settings.characterVoices) },
    // The model's name is the operator's, shown as it is.
    { name: msg('commands.settings.model'), value: settings.model ?? msg('commands.settings.model-default') },
  ];
}
