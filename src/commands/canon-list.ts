import { z } from 'zod';
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
    if (facts.length === 0)
      return privateReply(text('No canon is pinned yet. Moderators pin facts with /canon add.'));
    return privateReply({
      type: 'fields',
      title: 'Pinned canon',
      fields: facts.map((fact) => ({ name: `#${fact.number}`, value: fact.text })),
    });
  },
});
