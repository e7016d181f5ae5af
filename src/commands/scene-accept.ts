import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { beatReply } from './beat-reply.ts';
import { defineCommand, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene accept',
  description: 'Open the scene a card describes (/scene build)',
  descriptionLocalizations: { 'zh-CN': '按场景卡开始这个场景' },
  options: z.object({ id: textOption('The scene card, e.g. c2', 20) }),
  access: 'writer',
  async execute(ctx, options) {
    const outcome = await ctx.engine.acceptScene(ctx.room, ctx.actor, options);
    const reply = beatReply(outcome);
    reply.blocks.unshift(text(msg('scenes.card.accepted', { name: ctx.actor.name, id: options.id })));
    return reply;
  },
});
