import { z } from 'zod';
import { HEADING_MAX, SCENE_DESCRIPTION_MAX } from '../story/limits.ts';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene new',
  description: 'Open a new scene (the narrator picks a heading if you give none)',
  descriptionLocalizations: { 'zh-CN': '开始新场景' },
  options: z.object({
    heading: textOption('Scene heading, e.g. INT. DINER - NIGHT', HEADING_MAX).optional(),
    description: textOption('One line about the scene', SCENE_DESCRIPTION_MAX).optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    return beatReply(await ctx.engine.newScene(ctx.room, ctx.actor, options, ctx.stream));
  },
});
