import { z } from 'zod';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'room lock',
  description: 'Moderators: freeze the story; nothing changes until it is unlocked',
  descriptionLocalizations: { 'zh-CN': '版主：锁定房间' },
  options: z.object({}),
  access: 'moderator',
  async execute(ctx) {
    await ctx.engine.lock(ctx.room, ctx.actor);
    return publicReply(
      text(`${ctx.actor.name} locked the room. A moderator can unlock it with /room unlock.`),
    );
  },
});
