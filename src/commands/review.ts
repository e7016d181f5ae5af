import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, privateReply, publicReply, type Reply } from './command.ts';
import { booleanOption } from './option-schemas.ts';

// `/review personal` in the text grammar: the word itself switches it on, as on/yes/true do.
const personalOption = z
  .preprocess(
    (value) => (typeof value === 'string' && value.trim().toLowerCase() === 'personal' ? true : value),
    booleanOption('on: weighted toward what you voted for and reacted to, and shown only to you'),
  )
  .meta({
    description: 'on: weighted toward what you voted for and reacted to, and shown only to you',
    input: 'boolean',
  });

/** Whether these raw options ask for the personal (private) review. */
export function asksPersonal(raw: Record<string, unknown>): boolean {
  const parsed = personalOption.safeParse(raw.personal);
  return parsed.success && parsed.data === true;
}

const STARS = 5;

/** Whole and half stars, 1 to 5. */
const shownStars = (stars: number) => Math.max(1, Math.min(STARS, Math.round(stars * 2) / 2));

/** ★★★½☆ */
export function starRow(stars: number): string {
  const shown = shownStars(stars);
  const whole = Math.floor(shown);
  const half = shown > whole ? 1 : 0;
  return `${'★'.repeat(whole)}${half ? '½' : ''}${'☆'.repeat(STARS - whole - half)}`;
}

export default defineCommand({
  name: 'review',
  description: "A critic's review of the story so far; personal: about what you backed (only to you)",
  descriptionLocalizations: { 'zh-CN': '影评人式的故事评论；personal：围绕你支持过的内容（仅你可见）' },
  options: z.object({ personal: personalOption.optional() }),
  access: 'everyone',
  replies: asksPersonal,
  slow: true,
  async execute(ctx, options) {
    const personal = options.personal === true;
    // Shown whole when done; a review is not streamed to the channel.
    const signal = ctx.stream?.signal;
    const { output } = await ctx.engine.review(
      ctx.room,
      ctx.actor,
      { personal },
      signal ? { signal } : undefined,
    );
    const fields = [
      {
        name: msg('audience.review.stars', { stars: shownStars(output.stars) }),
        value: starRow(output.stars),
      },
      { name: msg('audience.review.logline'), value: output.logline },
      { name: msg('audience.review.synopsis'), value: output.synopsis },
      { name: msg('audience.review.strengths'), value: output.strengths.map((s) => `+ ${s}`).join('\n') },
      { name: msg('audience.review.weaknesses'), value: output.weaknesses.map((s) => `- ${s}`).join('\n') },
      { name: msg('audience.review.pull-quote'), value: `“${output.pullQuote}”` },
      ...(output.forYou ? [{ name: msg('audience.review.for-you'), value: output.forYou }] : []),
    ];
    const block = {
      type: 'fields' as const,
      title: personal
        ? msg('audience.review.title-personal', { name: ctx.actor.name })
        : msg('audience.review.title'),
      fields,
    };
    const reply: Reply = personal ? privateReply(block) : publicReply(block);
    return reply;
  },
});
