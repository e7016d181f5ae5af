import { z } from 'zod';
import { defineCommand, privateReply } from './command.ts';

export default defineCommand({
  name: 'critique',
  description: 'The narrator reviews the script so far (shown only to you)',
  descriptionLocalizations: { 'zh-CN': '让叙述者点评剧本（仅你可见）' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  slow: true,
  async execute(ctx) {
    // The review is shown whole, privately; its text is not streamed to the channel.
    const signal = ctx.stream?.signal;
    const { output } = await ctx.engine.critique(ctx.room, ctx.actor, signal ? { signal } : undefined);
    const score = (label: string, s: { score: number; comment: string }) => ({
      name: `${label}: ${s.score}/10`,
      value: s.comment,
    });
    return privateReply({
      type: 'fields',
      title: 'Script review',
      fields: [
        score('Structure', output.structure),
        score('Pacing', output.pacing),
        score('Character consistency', output.characterConsistency),
        score('Dialogue', output.dialogue),
        ...output.suggestions.map((suggestion, i) => ({ name: `Suggestion ${i + 1}`, value: suggestion })),
      ],
    });
  },
});
