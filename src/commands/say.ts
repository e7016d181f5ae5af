import { z } from 'zod';
import { PARENTHETICAL_MAX } from '../story/limits.ts';
import { beatReply } from './beat-reply.ts';
import { defineCommand } from './command.ts';
import { nameOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'say',
  description: 'Write a line of dialogue for a character yourself',
  descriptionLocalizations: { 'zh-CN': '亲自为角色写一句台词' },
  options: z.object({
    character: nameOption('Who speaks'),
    text: textOption('What they say'),
    parenthetical: textOption('How they say it, e.g. whispering', PARENTHETICAL_MAX).optional(),
  }),
  access: 'writer',
  async execute(ctx, options) {
    return beatReply(await ctx.engine.say(ctx.room, ctx.actor, options));
  },
});
