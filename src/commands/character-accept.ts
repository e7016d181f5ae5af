import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character accept',
  description: 'Add a character the narrator proposed to the story',
  descriptionLocalizations: { 'zh-CN': '采用叙述者设计的角色' },
  options: z.object({ id: textOption('The proposal, e.g. d3', 20) }),
  access: 'writer',
  async execute(ctx, options) {
    const character = await ctx.engine.acceptCharacter(ctx.room, ctx.actor, options);
    return publicReply(
      text(
        msg('commands.character.added', {
          name: ctx.actor.name,
          character: character.name,
          description: character.description,
        }),
      ),
    );
  },
});
