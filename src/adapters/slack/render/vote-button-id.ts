// Slack's vote button id (the shared codec, adapters/shared/vote-button-id.ts), carried as both the
// button's action_id and its value: team and channel ids as Slack writes them, a thread's channel with
// ":<thread_ts>" (see story/room-id.ts), within action_id's 255 characters.

import { createVoteButtonCodec, type VoteButton } from '../../shared/vote-button-id.ts';
import { ACTIONS_ELEMENTS_MAX } from './limits.ts';

export type { VoteButton };

/** Slack's longest action_id (a button's value may hold 2,000). */
export const ACTION_ID_MAX = 255;

const codec = createVoteButtonCodec({
  platform: 'slack',
  workspace: '[A-Z0-9]{1,32}',
  channel: '[A-Z0-9]{1,32}(?::\\d{1,16}\\.\\d{1,10})?',
  maxLength: ACTION_ID_MAX,
  // A vote's buttons: one actions block's worth.
  maxOptions: ACTIONS_ELEMENTS_MAX,
});

export const voteButtonId = codec.encode;
export const isVoteButtonId = codec.isVoteButton;
export const parseVoteButtonId = codec.parse;
