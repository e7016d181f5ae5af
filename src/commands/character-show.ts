import { z } from 'zod';
import { msg } from '../i18n/message.ts';
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
        {
          name: msg('commands.character.description'),
          value: character.description || msg('commands.character.none-given'),
        },
        {
          name: msg('commands.character.voice'),
          value: character.voice || msg('commands.character.none-given'),
        },
        {
          name: msg('commands.character.lines'),
          value: msg('commands.character.line-count', { count: lines }),
        },
        {
          name: msg('commands.character.created-by'),
          value:
            character.createdBy.kind === 'user'
              ? character.createdBy.name
              : msg('commands.character.by-narrator'),
        },
      ],
    });
  },
});
