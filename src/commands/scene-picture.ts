import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, file, publicReply, text } from './command.ts';
import { integerOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene picture',
  description: 'A storyboard frame of the current scene, or of a given beat',
  descriptionLocalizations: { 'zh-CN': '为当前场景或指定的一段画一帧分镜' },
  options: z.object({
    beat: integerOption(
      'Which beat: its number from the start of the story (default: the latest)',
      1,
      1_000_000,
    ).optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    const signal = ctx.stream?.signal;
    const outcome = await ctx.engine.pictureScene(
      ctx.room,
      ctx.actor,
      { beat: options.beat },
      signal ? { signal } : undefined,
    );
    const { picture } = outcome;
    return publicReply(
      text(msg('scenes.picture.caption', { number: outcome.position, heading: outcome.scene.heading })),
      file(picture.name, picture.mime, outcome.bytes),
    );
  },
});
