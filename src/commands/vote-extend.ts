import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { formatDuration } from './format.ts';
import { durationOption } from './option-schemas.ts';

export default defineCommand({
  name: 'vote extend',
  description: 'Moderators: give the open vote more time',
  descriptionLocalizations: { 'zh-CN': '版主：延长投票时间' },
  options: z.object({
    by: durationOption("How much longer, e.g. 30s or 2m (default: the room's vote duration)").optional(),
  }),
  access: 'moderator',
  async execute(ctx, options) {
    const before = await ctx.engine.voteStatus(ctx.room);
    const previous = before.deadline;
    const vote = await ctx.engine.extendVote(ctx.room, ctx.actor, { byMs: options.by });
    const added = Date.parse(vote.deadline) - Date.parse(previous);
    return publicReply(
      text(msg('commands.vote.extended', { name: ctx.actor.name, duration: formatDuration(added) })),
    );
  },
});
