// Golden tests: the exact Block Kit a beat reply and a vote become.
import { describe, expect, it } from 'vitest';
import { renderReply, renderVote } from '../../../../src/adapters/slack/render/index.ts';
import type { RoomRef, Vote } from '../../../../src/story/types.ts';
import { anOpenVote, aBeat as beat } from '../../../helpers/slack-blocks.ts';

const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const room: RoomRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1:1700000000.000100' };

describe('a beat reply in Slack', () => {
  it('reads as a screenplay: heading, action, CHARACTER with (parenthetical) and dialogue, transition, who wrote it', () => {
    const beats = [
      beat({ id: 'b1', kind: 'scene', text: 'int. diner - night', sceneId: 's1' }),
      beat({ id: 'b2', kind: 'action', text: 'Rain hammers the glass.\n\nA bell rings.' }),
      beat({
        id: 'b3',
        kind: 'dialogue',
        character: '*Marlowe*',
        parenthetical: '(quietly)',
        text: 'You came back <!here>.\n\nWhy?',
        author: { kind: 'narrator', model: 'story-7b' },
        direction: 'Marlowe confronts her',
      }),
      beat({ id: 'b4', kind: 'transition', text: 'cut to:', author: { kind: 'system' } }),
    ];
    const scenes = { s1: { id: 's1', heading: 'INT. DINER - NIGHT', description: 'A booth & a window.' } };
    const { messages, files } = renderReply(
      { visibility: 'public', language: 'en', blocks: [{ type: 'beats', beats, scenes }] },
      { locale: 'en' },
    );
    expect(files).toEqual([]);
    expect(messages).toEqual([
      {
        text: '*INT. DINER - NIGHT*\nA booth &amp; a window.',
        blocks: [
          { type: 'section', text: md('*INT. DINER - NIGHT*\nA booth &amp; a window.') },
          { type: 'context', elements: [md('— alice')] },
          { type: 'section', text: md('Rain hammers the glass.\n\nA bell rings.') },
          { type: 'context', elements: [md('— alice')] },
          {
            type: 'section',
            text: md('> *\u2217MARLOWE\u2217*\n> _(quietly)_\n> You came back &lt;!here&gt;.\n> Why?'),
          },
          { type: 'context', elements: [md('— story-7b, toward: Marlowe confronts her')] },
          { type: 'section', text: md('*CUT TO:*') },
        ],
      },
    ]);
  });
});

describe('a vote in Slack', () => {
  const vote = anOpenVote({ options: ['Go <left>', 'Go *right*'], ballots: { U1: 1, U2: 1, U3: 0 } });

  it('shows the question, live counts, the deadline and one button per option while open', () => {
    const id = (option: number) => `storyroom:vote:T1:C1:1700000000.000100:v1:${option}`;
    const button = (option: number, text: string) => ({
      type: 'button',
      action_id: id(option),
      value: id(option),
      text: { type: 'plain_text', text, emoji: true },
    });
    expect(renderVote(vote, room, 'en')).toEqual([
      {
        text: '*What happens next?*\n*A.* Go &lt;left&gt; · 1 vote\n*B.* Go \u2217right\u2217 · 2 votes',
        blocks: [
          {
            type: 'section',
            text: md(
              '*What happens next?*\n*A.* Go &lt;left&gt; · 1 vote\n*B.* Go \u2217right\u2217 · 2 votes',
            ),
          },
          {
            type: 'context',
            elements: [
              md(
                'Closes <!date^1767225900^{date_short_pretty} {time}|2026-01-01T00:05:00.000Z> · 3 votes so far. Click an option to vote; click another to change.',
              ),
            ],
          },
          {
            type: 'actions',
            elements: [button(1, 'A. Go &lt;left&gt; (1)'), button(2, 'B. Go *right* (2)')],
          },
        ],
        vote: { room, voteId: 'v1', open: true },
      },
    ]);
  });

  it('drops the buttons once closed, marks the winner and says the result', () => {
    const closed: Vote = {
      ...vote,
      status: 'closed',
      result: { winner: 1, tally: [1, 2], reason: 'deadline' },
    };
    const [message, ...more] = renderVote(closed, room, 'en');
    expect(more).toEqual([]);
    expect(message?.blocks.map((block) => block.type)).toEqual(['section', 'context']);
    expect(message?.blocks[0]).toEqual({
      type: 'section',
      text: md('*Vote closed*\n*A.* Go &lt;left&gt; · 1 vote\n✅ *B.* Go \u2217right\u2217 · 2 votes'),
    });
    expect(message?.vote).toEqual({ room, voteId: 'v1', open: false });
  });

  it('speaks the room’s language', () => {
    const [message] = renderVote(vote, room, 'zh-CN');
    expect(message?.text).toBe(
      '*接下来会发生什么？*\n*A.* Go &lt;left&gt; · 1 票\n*B.* Go \u2217right\u2217 · 2 票',
    );
  });
});
