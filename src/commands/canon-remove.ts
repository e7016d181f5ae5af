import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { CANON_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { integerOption } from './option-schemas.ts';

export default defineCommand({
  name: 'canon remove',
  description: 'Unpin a canon fact by its number in /canon list (moderators)',
  descriptionLocalizations: { 'zh-CN': '删除设定' },
  options: z.object({ number: integerOption('The number /canon list shows', 1, CANON_MAX) }),
  access: 'moderator',
  async execute(ctx, options) {
    const fact = await ctx.engine.removeCanon(ctx.room, ctx.actor, options);
    return publicReply(
      text(msg('commands.canon.unpinned', { name: ctx.actor.name, number: options.number, fact: fact.text })),
    );
  },
});
