import { z } from 'zod';
import { HEADING_MAX } from '../story/limits.ts';
import { SCENE_NOTES_MAX } from '../story/scene-designs.ts';
import { defineCommand } from './command.ts';
import { textOption } from './option-schemas.ts';
import { sceneCardReply } from './scene-card-reply.ts';

export default defineCommand({
  name: 'scene build',
  description: 'The narrator designs the next scene as a card you accept or build again',
  descriptionLocalizations: { 'zh-CN': '让叙述者设计下一场戏的场景卡' },
  options: z.object({
    heading: textOption('Scene heading, e.g. INT. DINER - NIGHT (optional)', HEADING_MAX).optional(),
    notes: textOption('What the scene should have (optional)', SCENE_NOTES_MAX).optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    // The card is shown whole once it is checked; its text is not streamed.
    const signal = ctx.stream?.signal;
    const proposal = await ctx.engine.designScene(
      ctx.room,
      ctx.actor,
      options,
      signal ? { signal } : undefined,
    );
    return sceneCardReply(proposal);
  },
});
