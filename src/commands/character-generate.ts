import { z } from 'zod';
import { HINT_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'character generate',
  description: 'The narrator proposes a new character for you to accept or discard',
  descriptionLocalizations: { 'zh-CN': '让叙述者设计一个新角色' },
  options: z.object({ hint: textOption('hint', 'What kind of character (optional)', HINT_MAX).optional() }),
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
        title: `Proposed character: ${design.name}`,
        fields: [
          { name: 'Look', value: design.look },
          { name: 'Personality', value: design.personality },
          { name: 'Backstory', value: design.backstory },
          { name: 'Sample line', value: design.sampleLine },
        ],
      },
      text(
        `Add them with /character accept ${proposal.id}, or drop them with /character discard ${proposal.id}.`,
      ),
    );
  },
});
