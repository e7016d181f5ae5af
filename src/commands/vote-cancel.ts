import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'vote cancel',
  description: 'Moderators: cancel the open vote without a result',
  descriptionLocalizations: { 'zh-CN': '版主：取消投票' },
  options: z.object({}),
  access: 'moderator',
  async execute(ctx) {
    await ctx.engine.cancelVote(ctx.room, ctx.actor);
    return publicReply(text(msg('commands.vote.cancelled', { name: ctx.actor.name })));
  },
});
