import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { nameOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character remove',
  description: 'Remove a character (their lines stay in the script)',
  descriptionLocalizations: { 'zh-CN': '移除角色' },
  options: z.object({ name: nameOption('The character to remove') }),
  access: 'everyone',
  async execute(ctx, options) {
    const character = await ctx.engine.removeCharacter(ctx.room, ctx.actor, options);
    return publicReply(
      text(msg('commands.character.removed', { name: ctx.actor.name, character: character.name })),
    );
  },
});
