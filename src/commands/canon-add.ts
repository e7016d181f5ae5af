import { z } from 'zod';
import { CANON_TEXT_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'canon add',
  description: 'Pin a fact the narrator must never contradict (moderators)',
  descriptionLocalizations: { 'zh-CN': '添加设定（叙述者不得违背）' },
  options: z.object({ fact: textOption('fact', 'The fact, e.g. "Vera never lies to Sam"', CANON_TEXT_MAX) }),
  access: 'moderator',
  async execute(ctx, options) {
    const added = await ctx.engine.addCanon(ctx.room, ctx.actor, {
      text: options.fact,
    });
    return publicReply(text(`${ctx.actor.name} pinned canon #${added.number}: ${added.text}`));
  },
});
