import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { VOICE_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { nameOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character add',
  description: 'Add a character to the story',
  descriptionLocalizations: { 'zh-CN': '添加角色' },
  options: z.object({
    name: nameOption("The character's name"),
    description: textOption('Who they are').optional(),
    voice: textOption('How they talk', VOICE_MAX).optional(),
  }),
  access: 'writer',
  async execute(ctx, options) {
    const character = await ctx.engine.addCharacter(ctx.room, ctx.actor, options);
    const values = { name: ctx.actor.name, character: character.name };
    return publicReply(
      text(
        character.description
          ? msg('commands.character.added', { ...values, description: character.description })
          : msg('commands.character.added-bare', values),
      ),
    );
  },
});
