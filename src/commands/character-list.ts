import { z } from 'zod';
import { msg } from '../i18n/message.ts';
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
    const story = requireStory(room);
    if (room.characters.length === 0) return privateReply(text(msg('commands.character.none')));
    return privateReply({
      type: 'fields',
      title: msg('commands.character.cast', { title: story.title, count: room.characters.length }),
      fields: room.characters.map((c) => ({
        name: c.name,
        value: c.description || msg('commands.character.no-description'),
      })),
    });
  },
});
