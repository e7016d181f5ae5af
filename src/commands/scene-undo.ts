import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { type Block, defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'scene undo',
  description: 'Moderators: take back the last beat (it stays in the story tree)',
  descriptionLocalizations: { 'zh-CN': '版主：撤销上一段' },
  options: z.object({}),
  access: 'moderator',
  async execute(ctx) {
    const { head, room } = await ctx.engine.undo(ctx.room, ctx.actor);
    const blocks: Block[] = [text(msg('commands.scene.undone', { name: ctx.actor.name }))];
    if (head) blocks.push({ type: 'beats', beats: [head], scenes: room.scenes });
    else blocks.push(text(msg('commands.scene.at-beginning')));
    return publicReply(...blocks);
  },
});
