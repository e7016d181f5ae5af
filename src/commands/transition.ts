import { z } from 'zod';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'transition',
  description: 'Write a transition between shots or scenes: CUT TO:, DISSOLVE TO:, …',
  descriptionLocalizations: { 'zh-CN': '写一个转场（如 CUT TO:）' },
  options: z.object({
    text: textOption('The transition, e.g. "SMASH CUT TO:" (default CUT TO:)', 60).optional(),
  }),
  access: 'writer',
  async execute(ctx, options) {
    const text = options.text ?? 'CUT TO:';
    return beatReply(await ctx.engine.action(ctx.room, ctx.actor, { text, kind: 'transition' }));
  },
});
