import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import type { TokenUsage } from '../story/types.ts';
import { budgetFields } from './budget-fields.ts';
import { defineCommand, privateReply } from './command.ts';

const tokens = (usage: TokenUsage) =>
  msg('commands.usage.tokens', { prompt: usage.promptTokens, completion: usage.completionTokens });

export default defineCommand({
  name: 'room usage',
  description: "Moderators: show the narrator's token usage in this room",
  descriptionLocalizations: { 'zh-CN': '查看本房间的模型用量' },
  options: z.object({}),
  access: 'moderator',
  replies: 'private',
  async execute(ctx) {
    const usage = await ctx.engine.usage(ctx.room, ctx.actor);
    return privateReply({
      type: 'fields',
      title: msg('commands.usage.title'),
      fields: [
        { name: msg('commands.usage.total'), value: tokens(usage.total) },
        ...usage.byModel.map((entry) => ({
          name: msg('commands.usage.model', { model: entry.model, beats: entry.beats }),
          value: tokens(entry.usage),
        })),
        { name: msg('commands.usage.other'), value: tokens(usage.other) },
        ...budgetFields(usage, ctx.room),
      ],
    });
  },
});
