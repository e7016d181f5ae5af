import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { EMOJI_NAME_MAX } from '../story/reaction-emoji.ts';
import { defineCommand, privateReply, text } from './command.ts';
import { choiceOption } from './option-schemas.ts';

/** How much of the beat a confirmation quotes. */
const EXCERPT_MAX = 60;

export const excerpt = (beatText: string, max = EXCERPT_MAX): string => {
  const chars = Array.from(beatText.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};

export default defineCommand({
  name: 'react',
  description: 'React to a beat with an emoji (Discord: react on its message); "remove" takes it back',
  descriptionLocalizations: { 'zh-CN': '用表情回应某一段（Discord 上直接在消息上回应）；remove 撤回' },
  options: z.object({
    beat: z.string().trim().min(1).max(20).meta({
      description: 'The beat: its number in the story (1 = first) or "last"',
      input: 'string',
      maxLength: 20,
    }),
    emoji: z
      .string()
      .trim()
      .min(1)
      .max(EMOJI_NAME_MAX * 2)
      .meta({
        description: 'An emoji, e.g. 👍 or :fire: (👍 ❤️ 😂 🔥 read as praise, 👎 😴 🙄 as disapproval)',
        input: 'string',
        maxLength: EMOJI_NAME_MAX * 2,
      }),
    action: choiceOption('add (the default) or remove', ['add', 'remove']).optional(),
  }),
  access: 'everyone',
  replies: 'private',
  async execute(ctx, options) {
    const removed = options.action === 'remove';
    const outcome = await ctx.engine.react(ctx.room, ctx.actor, {
      beat: options.beat,
      emoji: options.emoji,
      removed,
    });
    const values = {
      emoji: outcome.emoji,
      number: outcome.number ?? 0,
      excerpt: excerpt(outcome.beat.text),
      count: outcome.count,
    };
    if (!outcome.changed) {
      return privateReply(
        text(removed ? msg('audience.react.not-there', values) : msg('audience.react.already', values)),
      );
    }
    return privateReply(
      text(removed ? msg('audience.react.removed', values) : msg('audience.react.added', values)),
    );
  },
});
