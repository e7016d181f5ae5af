import { z } from 'zod';
import { defineCommand, privateReply } from './command.ts';

export default defineCommand({
  name: 'help',
  description: 'What storyroom can do',
  descriptionLocalizations: { 'zh-CN': '帮助' },
  options: z.object({}),
  access: 'everyone',
  async execute(ctx) {
    const visible = ctx.commands.filter((c) => c.access === 'everyone' || ctx.actor.role === 'moderator');
    return privateReply({
      type: 'fields',
      title: 'storyroom commands',
      fields: visible.map((c) => ({ name: `/${c.name}`, value: c.description })),
    });
  },
});
