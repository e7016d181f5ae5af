import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character discard',
  description: 'Drop a character the narrator proposed',
  descriptionLocalizations: { 'zh-CN': '放弃叙述者设计的角色' },
  options: z.object({ id: textOption('The proposal, e.g. d3', 20) }),
  access: 'everyone',
  async execute(ctx, options) {
    const proposal = await ctx.engine.discardCharacter(ctx.room, ctx.actor, options);
    return publicReply(
      text(msg('commands.character.discarded', { name: ctx.actor.name, character: proposal.design.name })),
    );
  },
});
