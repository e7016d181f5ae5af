import { z } from 'zod';
import { requireCharacter, requireStory } from '../story/rules.ts';
import { defineCommand, privateReply } from './command.ts';
import { nameOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character show',
  description: 'Show one character',
  descriptionLocalizations: { 'zh-CN': '查看角色' },
  options: z.object({ name: nameOption('The character to show') }),
  access: 'everyone',
  replies: 'private',
  async execute(ctx, options) {
    const room = await ctx.engine.room(ctx.room);
    requireStory(room);
    const character = requireCharacter(room, options.name);
    const lines = Object.values(room.beats).filter((b) => b.character === character.name).length;
    return privateReply({
      type: 'fields',
      title: character.name,
      fields: [
        { name: 'Description', value: character.description || '(none)' },
        { name: 'Voice', value: character.voice || '(none)' },
        { name: 'Lines', value: String(lines) },
        {
          name: 'Created by',
          value: character.createdBy.kind === 'user' ? character.createdBy.name : 'the narrator',
        },
      ],
    });
  },
});
