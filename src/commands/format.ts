// Wording shared by several commands' replies.
import type { RoomSettings, Vote } from '../story/types.ts';
import { optionLetter } from '../story/votes.ts';

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || total === 0 ? `${s}s` : ''].join('');
}

export function voteOutcome(vote: Vote): string {
  if (vote.status === 'cancelled') return 'The vote was cancelled.';
  const result = vote.result;
  if (!result) return 'The vote is open.';
  if (result.reason === 'quorum') {
    const total = result.tally.reduce((a, b) => a + b, 0);
    return `The vote closed without a winner: only ${total} of the ${vote.quorum ?? 0} votes needed were cast.`;
  }
  if (result.winner === null) {
    return result.reason === 'closed-early'
      ? 'A moderator closed the vote early with no votes cast, so there is no winner.'
      : 'The vote closed with no votes cast, so there is no winner.';
  }
  const option = vote.options[result.winner] ?? '';
  const how =
    result.reason === 'moderator'
      ? ' (decided by a moderator)'
      : result.reason === 'closed-early'
        ? ' (a moderator closed the vote early; the ballots decided)'
        : '';
  return `${optionLetter(result.winner)}. ${option} wins${how}. The next beat will follow it.`;
}

export function settingsFields(settings: RoomSettings) {
  return [
    { name: 'vote_duration', value: formatDuration(settings.voteDurationMs) },
    { name: 'who_may_continue', value: settings.whoMayContinue },
    { name: 'cooldown', value: formatDuration(settings.cooldownMs) },
    { name: 'auto_vote', value: settings.autoVote ? 'on' : 'off' },
    { name: 'character_voices', value: settings.characterVoices ? 'on' : 'off' },
    { name: 'model', value: settings.model ?? 'default' },
  ];
}
