import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'room lock',
  description: 'Moderators: freeze the story; nothing changes until it is unlocked',
  descriptionLocalizations: { 'zh-CN': '版主：锁定房间' },
  options: z.object({}),
  access: 'moderator',
  async execute(ctx) {
    await ctx.engine.lock(ctx.room, ctx.actor);
    return publicReply(text(msg('commands.room.locked', { name: ctx.actor.name })));
  },
});
