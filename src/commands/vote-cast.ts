import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { optionLetter } from '../story/votes.ts';
import { defineCommand, privateReply, text } from './command.ts';
import { problem } from './option-schemas.ts';

export default defineCommand({
  name: 'vote cast',
  description: 'Vote for a branch option (the buttons do this too)',
  descriptionLocalizations: { 'zh-CN': '为剧情选项投票' },
  options: z.object({
    option: z
      .string()
      .trim()
      .transform((value, zod) => {
        if (/^[1-5]$/.test(value)) return Number(value);
        if (/^[a-e]$/i.test(value)) return value.toUpperCase().charCodeAt(0) - 64;
        zod.addIssue(problem(msg('commands.option.not-a-vote-option')));
        return z.NEVER;
      })
      .meta({ description: 'The option: A-E or 1-5', input: 'string', maxLength: 1 }),
    vote: z
      .string()
      .max(40)
      .meta({
        description: 'Which vote (from its button); defaults to the open one',
        input: 'string',
        maxLength: 40,
      })
      .optional(),
  }),
  access: 'everyone',
  replies: 'private',
  async execute(ctx, options) {
    const {
      options: labels,
      option,
      previous,
    } = await ctx.engine.castVote(ctx.room, ctx.actor, {
      option: options.option,
      voteId: options.vote,
    });
    const chosen = { letter: optionLetter(option), option: labels[option] ?? '' };
    return privateReply(
      text(
        previous === undefined || previous === option
          ? msg('commands.vote.cast', chosen)
          : msg('commands.vote.cast-changed', { ...chosen, previous: optionLetter(previous) }),
      ),
    );
  },
});
