import { z } from 'zod';
import { defineCommand, publicReply, text } from './command.ts';
import { voteOutcome } from './format.ts';
import { integerOption } from './option-schemas.ts';

export default defineCommand({
  name: 'vote close',
  description: 'Moderators: close the vote now (optionally picking the winner)',
  descriptionLocalizations: { 'zh-CN': '版主：立即结束投票' },
  options: z.object({
    pick: integerOption('Option number to declare the winner', 1, 5).optional(),
  }),
  access: 'moderator',
  async execute(ctx, options) {
    const vote = await ctx.engine.closeVote(ctx.room, ctx.actor, options);
    return publicReply(text(voteOutcome(vote)), { type: 'vote', vote, room: ctx.room });
  },
});
