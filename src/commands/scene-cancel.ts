import { z } from 'zod';
import { defineCommand, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'scene cancel',
  description: 'Stop the beat being written (moderators, or whoever asked for it)',
  descriptionLocalizations: { 'zh-CN': '停止正在生成的段落' },
  options: z.object({}),
  access: 'everyone',
  async execute(ctx) {
    const by = await ctx.engine.cancelGeneration(ctx.room, ctx.actor);
    return publicReply(text(`${ctx.actor.name} cancelled the beat ${by.name} asked for. Nothing was added.`));
  },
});
