import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, privateReply } from './command.ts';

type ScoreLabel =
  | 'commands.critique.structure'
  | 'commands.critique.pacing'
  | 'commands.critique.character-consistency'
  | 'commands.critique.dialogue';

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
    const score = (label: ScoreLabel, s: { score: number; comment: string }) => ({
      name: msg(label, { score: s.score }),
      value: s.comment,
    });
    return privateReply({
      type: 'fields',
      title: msg('commands.critique.title'),
      fields: [
        score('commands.critique.structure', output.structure),
        score('commands.critique.pacing', output.pacing),
        score('commands.critique.character-consistency', output.characterConsistency),
        score('commands.critique.dialogue', output.dialogue),
        ...output.suggestions.map((suggestion, i) => ({
          name: msg('commands.critique.suggestion', { number: i + 1 }),
          value: suggestion,
        })),
      ],
    });
  },
});
