import { z } from 'zod';
import { defineCommand, privateReply } from './command.ts';

export default defineCommand({
  name: 'help',
  description: 'What storyroom can do',
  descriptionLocalizations: { 'zh-CN': '帮助' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  async execute(ctx) {
    const { role } = ctx.actor;
    const room = await ctx.engine.room(ctx.room);
    // Without a story yet anyone may start one; after that, the room's who_may_continue decides.
    const writes = role !== 'audience' || !room.story || room.settings.whoMayContinue === 'everyone';
    const visible = ctx.commands.filter(
      (c) => c.access === 'everyone' || (c.access === 'writer' && writes) || role === 'moderator',
    );
    return privateReply({
      type: 'fields',
      title: 'storyroom commands',
      fields: visible.map((c) => ({ name: `/${c.name}`, value: c.description })),
    });
  },
});
