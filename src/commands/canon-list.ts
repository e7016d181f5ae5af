import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, privateReply, text } from './command.ts';

export default defineCommand({
  name: 'canon list',
  description: 'Show the pinned canon facts',
  descriptionLocalizations: { 'zh-CN': '查看设定' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  async execute(ctx) {
    const facts = await ctx.engine.canon(ctx.room);
    if (facts.length === 0) return privateReply(text(msg('commands.canon.none')));
    return privateReply({
      type: 'fields',
      title: msg('commands.canon.title'),
      fields: facts.map((fact) => ({
        name: msg('commands.canon.number', { number: fact.number }),
        value: fact.text,
      })),
    });
  },
});
