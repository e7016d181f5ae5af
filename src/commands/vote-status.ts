import { z } from 'zod';
import { defineCommand, privateReply } from './command.ts';

export default defineCommand({
  name: 'vote status',
  description: 'Show the open vote, or the result of the last one',
  descriptionLocalizations: { 'zh-CN': '查看投票状态' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  async execute(ctx) {
    const vote = await ctx.engine.voteStatus(ctx.room);
    return privateReply({ type: 'vote', vote, room: ctx.room });
  },
});
