import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { VOTE_OPTION_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { durationOption, integerOption, textOption } from './option-schemas.ts';

const option = (n: number) => textOption(`Branch option ${n}`, VOTE_OPTION_MAX).optional();

export default defineCommand({
  name: 'vote open',
  description: 'Open a branch vote (the narrator proposes options if you give none)',
  descriptionLocalizations: { 'zh-CN': '发起剧情分支投票' },
  options: z.object({
    option1: option(1),
    option2: option(2),
    option3: option(3),
    option4: option(4),
    option5: option(5),
    duration: durationOption('How long the vote runs, e.g. 60s or 5m (10s to 24h)').optional(),
    quorum: integerOption('Fewest votes needed for a result', 1, 10_000).optional(),
  }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    const given = [options.option1, options.option2, options.option3, options.option4, options.option5];
    const list = given.filter((value): value is string => value !== undefined);
    const vote = await ctx.engine.openVote(
      ctx.room,
      ctx.actor,
      { options: list.length > 0 ? list : undefined, durationMs: options.duration, quorum: options.quorum },
      // The options are shown once chosen; their text is not streamed.
      ctx.stream?.signal ? { signal: ctx.stream.signal } : undefined,
    );
    return publicReply(text(msg('commands.vote.opened', { name: ctx.actor.name })), {
      type: 'vote',
      vote,
      room: ctx.room,
    });
  },
});
