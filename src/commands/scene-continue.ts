import { z } from 'zod';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene continue',
  description: 'Ask the narrator for the next beat',
  descriptionLocalizations: { 'zh-CN': '让叙述者写下一段' },
  options: z.object({
    direction: textOption('What should happen next (optional)').optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    return beatReply(await ctx.engine.continueStory(ctx.room, ctx.actor, options, ctx.stream));
  },
});
