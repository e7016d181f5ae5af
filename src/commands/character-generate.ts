import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { HINT_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character generate',
  description: 'The narrator proposes a new character for you to accept or discard',
  descriptionLocalizations: { 'zh-CN': '让叙述者设计一个新角色' },
  options: z.object({ hint: textOption('What kind of character (optional)', HINT_MAX).optional() }),
  access: 'writer',
  slow: true,
  async execute(ctx, options) {
    const signal = ctx.stream?.signal;
    const proposal = await ctx.engine.designCharacter(
      ctx.room,
      ctx.actor,
      { hint: options.hint },
      signal ? { signal } : undefined,
    );
    const { design } = proposal;
    return publicReply(
      {
        type: 'fields',
        title: msg('commands.character.proposed', { character: design.name }),
        fields: [
          { name: msg('commands.character.look'), value: design.look },
          { name: msg('commands.character.personality'), value: design.personality },
          { name: msg('commands.character.backstory'), value: design.backstory },
          { name: msg('commands.character.sample-line'), value: design.sampleLine },
        ],
      },
      text(msg('commands.character.proposal-hint', { id: proposal.id })),
    );
  },
});
