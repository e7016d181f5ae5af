import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, privateReply, text } from './command.ts';

export default defineCommand({
  name: 'recap',
  description: 'Previously on…: what happened since your last beat or recap (shown only to you)',
  descriptionLocalizations: { 'zh-CN': '前情提要：你上次参与或上次提要之后发生了什么（仅你可见）' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  slow: true,
  async execute(ctx) {
    // Private and whole: its text is not streamed to the channel.
    const signal = ctx.stream?.signal;
    const outcome = await ctx.engine.recap(ctx.room, ctx.actor, signal ? { signal } : undefined);
    if (!outcome.recap) return privateReply(text(msg('audience.recap.nothing-new')));
    const since = msg(`audience.recap.since-${outcome.since}`, { count: outcome.missed });
    // Text, not a field: a recap (up to 1,500 characters) is longer than an embed field holds on Discord.
    return privateReply(
      text(msg('audience.recap.heading', { title: msg('audience.recap.title'), since })),
      text(outcome.recap.output.text),
    );
  },
});
