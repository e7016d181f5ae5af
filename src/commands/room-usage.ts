import { z } from 'zod';
import type { TokenUsage } from '../story/types.ts';
import { budgetFields } from './budget-fields.ts';
import { defineCommand, privateReply } from './command.ts';

const tokens = (usage: TokenUsage) =>
  `${usage.promptTokens.toLocaleString('en')} prompt + ${usage.completionTokens.toLocaleString('en')} completion tokens`;

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
      title: 'Narrator usage',
      fields: [
        { name: 'Total', value: tokens(usage.total) },
        ...usage.byModel.map((entry) => ({
          name: `${entry.model} (${entry.beats} beat${entry.beats === 1 ? '' : 's'})`,
          value: tokens(entry.usage),
        })),
        { name: 'Summaries, reviews, character designs', value: tokens(usage.other) },
        ...budgetFields(usage, ctx.room),
      ],
    });
  },
});
