import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { CANON_TEXT_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'canon add',
  description: 'Pin a fact the narrator must never contradict (moderators)',
  descriptionLocalizations: { 'zh-CN': '添加设定（叙述者不得违背）' },
  options: z.object({ fact: textOption('The fact, e.g. "Vera never lies to Sam"', CANON_TEXT_MAX) }),
  access: 'moderator',
  async execute(ctx, options) {
    const added = await ctx.engine.addCanon(ctx.room, ctx.actor, {
      text: options.fact,
    });
    return publicReply(
      text(msg('commands.canon.pinned', { name: ctx.actor.name, number: added.number, fact: added.text })),
    );
  },
});
