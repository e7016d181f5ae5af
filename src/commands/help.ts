import { z } from 'zod';
import type { MessageKey } from '../i18n/keys.ts';
import { msg } from '../i18n/message.ts';
import { type Command, defineCommand, privateReply } from './command.ts';
import { PLAIN_SPELLING, usableWith } from './command-spelling.ts';

/**
 * What /help says a command does, in the reader's language. `description` stays the English text the
 * platforms register; every command has `commands.describe.<name, words joined by ->` in the catalog
 * (a test checks it).
 */
export const describeKey = (command: Pick<Command, 'name'>) =>
  `commands.describe.${command.name.replaceAll(' ', '-')}` as MessageKey;

export default defineCommand({
  name: 'help',
  description: 'What storyroom can do',
  descriptionLocalizations: { 'zh-CN': '帮助' },
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  async execute(ctx) {
    const { role } = ctx.actor;
    const room = await ctx.engine.room(ctx.room);
    // Without a story yet anyone may start one; after that, the room's who_may_continue decides.
    const writes = role !== 'audience' || !room.story || room.settings.whoMayContinue === 'everyone';
    const spelling = ctx.spelling ?? PLAIN_SPELLING;
    // Names as typed on the platform; a command it cannot run (a file it cannot carry) is not offered there.
    const visible = ctx.commands.filter(
      (c) =>
        (c.access === 'everyone' || (c.access === 'writer' && writes) || role === 'moderator') &&
        usableWith(c, spelling),
    );
    return privateReply({
      type: 'fields',
      title: msg('commands.help.title'),
      fields: visible.map((c) => ({ name: `/${spelling.name(c.name)}`, value: msg(describeKey(c)) })),
    });
  },
});
