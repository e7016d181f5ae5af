// Discord's vote button custom_id (the shared codec, adapters/shared/vote-button-id.ts): guild and channel
// snowflakes, at most Discord's 100 characters. Ids written before the codec was shared read the same.
import { createVoteButtonCodec, type VoteButton } from '../../shared/vote-button-id.ts';

export type { VoteButton };

const codec = createVoteButtonCodec({
  platform: 'discord',
  workspace: '\\d{1,20}',
  channel: '\\d{1,20}',
  maxLength: 100,
  maxOptions: 5,
});

export const voteButtonId = codec.encode;
export const isVoteButtonId = codec.isVoteButton;
export const parseVoteButtonId = codec.parse;
