import { z } from 'zod';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene new',
  description: 'Open a new scene (the narrator picks a heading if you give none)',
  descriptionLocalizations: { 'zh-CN': '开始新场景' },
  options: z.object({
    heading: textOption('heading', 'Scene heading, e.g. INT. DINER - NIGHT', 120).optional(),
    description: textOption('description', 'One line about the scene', 300).optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    return beatReply(await ctx.engine.newScene(ctx.room, ctx.actor, options, ctx.stream));
  },
});
