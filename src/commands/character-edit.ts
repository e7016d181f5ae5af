import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { VOICE_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { nameOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character edit',
  description: "Change a character's name, description or voice",
  descriptionLocalizations: { 'zh-CN': '修改角色' },
  options: z.object({
    name: nameOption('The character to change'),
    new_name: nameOption('A new name').optional(),
    description: textOption('A new description').optional(),
    voice: textOption('A new voice', VOICE_MAX).optional(),
  }),
  access: 'writer',
  async execute(ctx, options) {
    const character = await ctx.engine.editCharacter(ctx.room, ctx.actor, {
      name: options.name,
      newName: options.new_name,
      description: options.description,
      voice: options.voice,
    });
    return publicReply(
      text(msg('commands.character.updated', { name: ctx.actor.name, character: character.name })),
    );
  },
});
