import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'style clear',
  description: "Moderators: clear the room's style",
  descriptionLocalizations: { 'zh-CN': '版主：清除房间的文风' },
  options: z.object({}),
  access: 'moderator',
  async execute(ctx) {
    await ctx.engine.clearStyle(ctx.room, ctx.actor);
    return publicReply(text(msg('style.cleared', { name: ctx.actor.name })));
  },
});
