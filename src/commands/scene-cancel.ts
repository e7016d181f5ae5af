import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'scene cancel',
  description: 'Stop the beat being written (moderators, or whoever asked for it)',
  descriptionLocalizations: { 'zh-CN': '停止正在生成的段落' },
  options: z.object({}),
  access: 'everyone',
  async execute(ctx) {
    const by = await ctx.engine.cancelGeneration(ctx.room, ctx.actor);
    return publicReply(text(msg('commands.scene.cancelled', { name: ctx.actor.name, by: by.name })));
  },
});
