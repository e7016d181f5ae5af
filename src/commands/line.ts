import { z } from 'zod';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { nameOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'line',
  description: "Ask the narrator for one character's next line",
  descriptionLocalizations: { 'zh-CN': '让叙述者为某个角色写一句台词' },
  options: z.object({
    character: nameOption('Who speaks'),
    direction: textOption('What the line should do (optional)').optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    return beatReply(await ctx.engine.writeLine(ctx.room, ctx.actor, options, ctx.stream));
  },
});
