// /style show: the room's style for whoever asks: notes, the sample's profile, and the sample itself.
import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { UserError } from '../story/errors.ts';
import { defineCommand, privateReply, text } from './command.ts';
import { styleFields } from './style-fields.ts';

export default defineCommand({
  name: 'style show',
  description: "The room's style: its sample, notes and profile",
  descriptionLocalizations: { 'zh-CN': '查看房间的文风' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  async execute(ctx) {
    const style = await ctx.engine.style(ctx.room);
    if (!style) throw new UserError('style.none', msg('style.none'));
    const blocks = [styleFields(style)];
    if (style.sample) blocks.push(text(msg('style.show.sample-heading')), text(style.sample));
    return privateReply(...blocks);
  },
});
