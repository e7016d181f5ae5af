import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'room unlock',
  description: 'Moderators: let the story change again',
  descriptionLocalizations: { 'zh-CN': '版主：解锁房间' },
  options: z.object({}),
  access: 'moderator',
  async execute(ctx) {
    await ctx.engine.unlock(ctx.room, ctx.actor);
    return publicReply(text(msg('commands.room.unlocked', { name: ctx.actor.name })));
  },
});
