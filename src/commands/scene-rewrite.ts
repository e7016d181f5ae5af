import { z } from 'zod';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene rewrite',
  description: 'Moderators: replace the last beat with a new take (the old one is kept in the tree)',
  descriptionLocalizations: { 'zh-CN': '版主：重写上一段' },
  options: z.object({
    direction: textOption('How the new take should differ (optional)').optional(),
  }),
  access: 'moderator',
  slow: true,
  async execute(ctx, options) {
    return beatReply(await ctx.engine.rewrite(ctx.room, ctx.actor, options, ctx.stream));
  },
});
