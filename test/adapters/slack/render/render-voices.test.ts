import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderVoicedReply, USERNAME_MAX } from '../../../../src/adapters/slack/render/index.ts';
import type { ShownReply } from '../../../../src/commands/command.ts';
import { hostileBeat, withinBound } from '../../../helpers/hostile-text.ts';
import {
  anOpenVote,
  aBeat as beat,
  expectWithinLimits,
  ink,
  sectionTexts,
  unescapeMrkdwn,
} from '../../../helpers/slack-blocks.ts';

const RUNS = 300;
const room = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
const vote = anOpenVote();

describe('character voices in Slack', () => {
  it('posts each new line under its character, points to them from the reply, and keeps the order', () => {
    const reply: ShownReply = {
      visibility: 'public',
      language: 'en',
      blocks: [
        {
          type: 'beats',
          beats: [
            beat({ id: 'b1', kind: 'action', text: 'The door opens.' }),
            beat({
              id: 'b2',
              kind: 'dialogue',
              character: 'Nora',
              parenthetical: 'softly',
              text: 'Hello <!channel>',
            }),
            beat({ id: 'b3', kind: 'dialogue', character: '*Sam*\n', text: 'Hi.' }),
          ],
        },
        { type: 'vote', vote, room },
      ],
    };
    const { messages, files } = renderVoicedReply(reply, () => true, { locale: 'en' });
    expect(files).toEqual([]);
    expect(messages.map((message) => (message.type === 'voice' ? message.username : 'reply'))).toEqual([
      'reply',
      'Nora',
      '*Sam*',
      'reply',
    ]);
    const [lead, nora] = messages;
    expect(lead?.message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '🎭 *NORA* and *\u2217SAM\u2217* speak below.', verbatim: true }],
    });
    expect(nora?.type === 'voice' && nora.iconEmoji).toMatch(/^:[a-z_]+:$/);
    expect(nora?.message.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '_(softly)_\nHello &lt;!channel&gt;', verbatim: true },
      },
    ]);
    expect(messages.at(-1)?.message.vote).toEqual({ room, voteId: 'v1', open: true });
  });

  it('keeps the pointer within a context block however many characters speak', () => {
    const beats = Array.from({ length: 60 }, (_, index) =>
      beat({ id: `b${index}`, kind: 'dialogue', character: `${'&'.repeat(75)}${index}`, text: 'Yes.' }),
    );
    const reply: ShownReply = {
      visibility: 'public',
      language: 'en',
      blocks: [{ type: 'text', text: 'Before.' }, { type: 'beats', beats }],
    };
    const { messages } = renderVoicedReply(reply, () => true, { locale: 'en' });
    expect(messages.filter((message) => message.type === 'voice')).toHaveLength(60);
    for (const { message } of messages) expectWithinLimits(message);
    expect(messages[0]?.message.blocks.at(-1)?.type).toBe('context');
  });

  it('renders a reply with no new lines as usual', () => {
    const reply: ShownReply = { visibility: 'public', blocks: [{ type: 'text', text: 'x' }] };
    const { messages } = renderVoicedReply(reply, () => true, { locale: 'en' });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.type).toBe('reply');
  });

  it(`keeps every line, in order, within the limits, under a name Slack can show (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileBeat({ maxLength: 5000 }), { maxLength: 6 }), (beats) => {
        const reply: ShownReply = {
          visibility: 'public',
          language: 'en',
          blocks: [{ type: 'beats', beats }],
        };
        const { messages } = withinBound(
          () => renderVoicedReply(reply, () => true, { locale: 'en' }),
          'renderVoicedReply',
        );
        for (const { message } of messages) expectWithinLimits(message);
        const spoken = beats.filter((b) => b.kind === 'dialogue' && b.character);
        const voices = messages.flatMap((message) => (message.type === 'voice' ? [message] : []));
        for (const voice of voices) {
          expect(voice.username.length).toBeGreaterThan(0);
          expect(Array.from(voice.username).length).toBeLessThanOrEqual(USERNAME_MAX);
          expect(voice.username).not.toMatch(/[\n\r\p{Cc}]/u);
        }
        expect([...new Set(voices.map((voice) => voice.beat))]).toEqual(spoken);
        for (const line of spoken) {
          const said = voices.filter((voice) => voice.beat === line).map((voice) => voice.message);
          expect(ink(unescapeMrkdwn(sectionTexts(said).join('')))).toContain(ink(line.text));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
