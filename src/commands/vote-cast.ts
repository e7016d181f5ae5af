import { z } from 'zod';
import { optionLetter } from '../story/votes.ts';
import { defineCommand, privateReply, text } from './command.ts';

export default defineCommand({
  name: 'vote cast',
  description: 'Vote for a branch option (the buttons do this too)',
  descriptionLocalizations: { 'zh-CN': '为剧情选项投票' },
  options: z.object({
    option: z
      .string({ error: 'Give the option as a letter (A-E) or a number (1-5).' })
      .trim()
      .regex(/^([a-eA-E]|[1-5])$/, { error: 'Give the option as a letter (A-E) or a number (1-5).' })
      .transform((value) => (/\d/.test(value) ? Number(value) : value.toUpperCase().charCodeAt(0) - 64))
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
    const chosen = `${optionLetter(option)} (${labels[option]})`;
    const change =
      previous === undefined || previous === option ? '' : ` instead of ${optionLetter(previous)}`;
    return privateReply(text(`You voted for ${chosen}${change}. Vote again to change it.`));
  },
});
