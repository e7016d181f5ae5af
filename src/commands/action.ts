import { z } from 'zod';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'action',
  description: 'Write an action line: what we see happen',
  descriptionLocalizations: { 'zh-CN': '写一段动作描写' },
  options: z.object({
    text: textOption('What happens'),
  }),
  access: 'writer',
  async execute(ctx, options) {
    return beatReply(await ctx.engine.action(ctx.room, ctx.actor, options));
  },
});
