import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene discard',
  description: 'Drop a scene card the narrator proposed',
  descriptionLocalizations: { 'zh-CN': '放弃叙述者设计的场景卡' },
  options: z.object({ id: textOption('The scene card, e.g. c2', 20) }),
  access: 'everyone',
  async execute(ctx, options) {
    const proposal = await ctx.engine.discardScene(ctx.room, ctx.actor, options);
    return publicReply(
      text(
        msg('scenes.card.discarded', {
          name: ctx.actor.name,
          id: proposal.id,
          heading: proposal.card.heading,
        }),
      ),
    );
  },
});
