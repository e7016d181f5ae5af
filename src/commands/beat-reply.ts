// The reply for a new beat: the beat as screenplay, and the vote opened after it when auto-vote is on.
import type { BeatOutcome } from '../story/engine-types.ts';
import { type Block, publicReply, type Reply } from './command.ts';

export function beatReply(outcome: BeatOutcome): Reply {
  const blocks: Block[] = [{ type: 'beats', beats: [outcome.beat], scenes: outcome.room.scenes }];
  if (outcome.vote) blocks.push({ type: 'vote', vote: outcome.vote, room: outcome.room.ref });
  return publicReply(...blocks);
}
