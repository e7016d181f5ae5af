import { z } from 'zod';
import { requireStory } from '../story/rules.ts';
import { defineCommand, privateReply, text } from './command.ts';

export default defineCommand({
  name: 'character list',
  description: 'List the cast',
  descriptionLocalizations: { 'zh-CN': '角色列表' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  async execute(ctx) {
    const room = await ctx.engine.room(ctx.room);
    requireStory(room);
    if (room.characters.length === 0)
      return privateReply(text('No characters yet. Add one with /character add.'));
    return privateReply({
      type: 'fields',
      title: `Cast of ${room.story?.title ?? 'the story'}`,
      fields: room.characters.map((c) => ({ name: c.name, value: c.description || '(no description)' })),
    });
  },
});
