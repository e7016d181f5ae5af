import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../../../src/adapters/discord/render/escape-text.ts';
import { EMBED_DESCRIPTION_MAX } from '../../../../src/adapters/discord/render/message-draft.ts';
import { renderVote } from '../../../../src/adapters/discord/render/render-vote.ts';
import { parseVoteButtonId } from '../../../../src/adapters/discord/render/vote-button-id.ts';
import { optionLetter } from '../../../../src/story/votes.ts';
import { hostileVote, noSurrogateSplit, withinBound } from '../../../helpers/hostile-text.ts';

const RUNS = 600;
const room = {
  platform: 'discord' as const,
  workspaceId: '1300000000000000002',
  channelId: '1300000000000000003',
};

describe('the Discord vote renderer on hostile options', () => {
  it(`keeps labels, ids and the description within Discord's limits (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileVote(), (vote) => {
        const { embed, components } = withinBound(() => renderVote(vote, room), 'renderVote');
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
        // Every option is listed in the description, escaped, in order.
        let from = 0;
        for (const option of vote.options) {
          const at = embed.description?.indexOf(escapeText(option), from) ?? -1;
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + escapeText(option).length;
        }
        expect(components.length).toBeLessThanOrEqual(5);
        const buttons = components.flatMap((row) => row.components);
        expect(buttons).toHaveLength(Math.min(vote.options.length, 5));
        for (const [index, button] of buttons.entries()) {
          const label = 'label' in button ? (button.label ?? '') : '';
          expect(label.length).toBeLessThanOrEqual(80);
          expect(noSurrogateSplit(label, ...vote.options)).toBe(true);
          // The option's text is kept: whole, or its beginning before an ellipsis.
          const prefix = `${optionLetter(index)}. `;
          const option = vote.options[index] ?? '';
          expect(label.startsWith(prefix)).toBe(true);
          const shown = label.slice(prefix.length);
          if (shown.endsWith('…') && `${prefix}${option}`.length > 80)
            expect(option.startsWith(shown.slice(0, -1))).toBe(true);
          else expect(shown).toBe(option);
          const id = 'custom_id' in button ? button.custom_id : '';
          expect(parseVoteButtonId(id)).toEqual({ room, voteId: vote.id, option: index });
        }
      }),
      { numRuns: RUNS },
    );
  });
});
