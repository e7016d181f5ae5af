import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { roleFor } from '../../../src/adapters/discord/interaction-context.ts';
import { escapeText } from '../../../src/adapters/discord/render/escape-text.ts';
import { renderReply as renderShown } from '../../../src/adapters/discord/render/render-reply.ts';
import { renderBeats } from '../../../src/adapters/discord/render/render-screenplay.ts';
import { splitText } from '../../../src/adapters/discord/render/split-text.ts';
import { voicesPointer, webhookUsername } from '../../../src/adapters/discord/render/voice-pointer.ts';
import { parseVoteButtonId, voteButtonId } from '../../../src/adapters/discord/render/vote-button-id.ts';
import { localizeReply } from '../../../src/adapters/shared/localize-reply.ts';
import { splitVoices } from '../../../src/adapters/shared/split-voices.ts';
import { publicReply, type Reply, text } from '../../../src/commands/command.ts';

const renderReply = (reply: Reply) => renderShown(localizeReply(reply, 'en'));

import type { Beat } from '../../../src/story/types.ts';

const author = { kind: 'user' as const, id: '1', name: 'alice' };
const beat = (fields: Partial<Beat> & Pick<Beat, 'kind' | 'text'>): Beat => ({
  id: 'b1',
  parentId: null,
  author,
  at: '2026-01-01T00:00:00.000Z',
  ...fields,
});

describe('screenplay rendering', () => {
  it('sets scene heading, CHARACTER, (parenthetical), dialogue and action apart as a script reads', () => {
    const text = renderBeats(
      [
        beat({ kind: 'scene', text: 'INT. DINER - NIGHT', sceneId: 's1' }),
        beat({ kind: 'action', text: 'Rain hammers the glass.' }),
        beat({
          kind: 'dialogue',
          character: 'Marlowe',
          parenthetical: '(quietly)',
          text: 'You came back.\n\nWhy?',
        }),
        beat({ kind: 'transition', text: 'cut to:' }),
      ],
      { s1: { id: 's1', heading: 'INT. DINER - NIGHT', description: 'A booth by the window.' } },
    );
    expect(text).toBe(
      [
        '**INT. DINER - NIGHT**\n*A booth by the window.*',
        'Rain hammers the glass.',
        '> **MARLOWE**\n> *(quietly)*\n> You came back.\n> Why?',
        '**CUT TO:**',
      ].join('\n\n'),
    );
  });

  it('escapes model text that would break the layout', () => {
    const text = renderBeats([
      beat({ kind: 'dialogue', character: 'X*', text: '```\n# not a heading\n-# tiny' }),
    ]);
    expect(text).toBe('> **X\\***\n> \\`\\`\\`\n> \\# not a heading\n> \\-# tiny');
  });
});

describe('escaping', () => {
  it('neutralizes fences, headings, quotes, lists, masked links and formatting, keeping the words', () => {
    expect(escapeText('# Title\n> quote\n- item\n1. first\n[click](https://x.y) **bold** ||spoiler||')).toBe(
      '\\# Title\n\\> quote\n\\- item\n1\\. first\n\\[click](https://x.y) \\*\\*bold\\*\\* \\|\\|spoiler\\|\\|',
    );
  });
});

describe('splitting long text', () => {
  it('prefers paragraph breaks, then line breaks, then spaces, and never exceeds the limit', () => {
    const paragraphs = ['a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60)].join('\n\n');
    expect(splitText(paragraphs, 130)).toEqual([`${'a'.repeat(60)}\n\n${'b'.repeat(60)}`, 'c'.repeat(60)]);
    expect(splitText(`${'x'.repeat(50)}\n${'y'.repeat(50)}`, 60)).toEqual(['x'.repeat(50), 'y'.repeat(50)]);
    expect(splitText('word '.repeat(30).trim(), 50).every((chunk) => chunk.length <= 50)).toBe(true);
    expect(splitText('z'.repeat(120), 50)).toEqual(['z'.repeat(50), 'z'.repeat(50), 'z'.repeat(20)]);
  });

  it('keeps a quoted dialogue line quoted when it has to be cut', () => {
    const [first, second] = splitText(`> **ANNA**\n> ${'word '.repeat(30).trim()}`, 80);
    expect(first?.startsWith('> **ANNA**')).toBe(true);
    expect(second?.startsWith('> word')).toBe(true);
  });

  it('puts the vote and its buttons on the last message of a long reply', () => {
    const vote = {
      id: 'v3',
      options: ['Left', 'Right'],
      openedBy: author,
      openedAt: '2026-01-01T00:00:00.000Z',
      deadline: '2026-01-01T00:05:00.000Z',
      ballots: {},
      status: 'open' as const,
    };
    const drafts = renderReply(
      publicReply(
        { type: 'text', text: `${'long '.repeat(300)}\n\n${'more '.repeat(300)}` },
        {
          type: 'vote',
          vote,
          room: {
            platform: 'discord',
            workspaceId: '1300000000000000002',
            channelId: '1300000000000000003',
          },
        },
      ),
    );
    expect(drafts.map((draft) => [draft.content.length <= 2000, draft.components.length])).toEqual([
      [true, 0],
      [true, 1],
    ]);
    expect(drafts[1]?.vote).toEqual({
      room: { platform: 'discord', workspaceId: '1300000000000000002', channelId: '1300000000000000003' },
      voteId: 'v3',
      open: true,
    });
  });
});

describe('vote button ids', () => {
  it('round-trip the room and vote within Discord’s 100 characters, and reject anything else', () => {
    const button = {
      room: {
        platform: 'discord' as const,
        workspaceId: '13000000000000000020',
        channelId: '13000000000000000030',
      },
      voteId: 'v12345',
      option: 4,
    };
    const id = voteButtonId(button);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseVoteButtonId(id)).toEqual(button);
    expect(parseVoteButtonId('storyroom:vote:1:2:v1:6')).toBeUndefined();
    expect(parseVoteButtonId('other:thing')).toBeUndefined();
  });
});

describe('roles from Discord permissions', () => {
  const bits = (...flags: bigint[]) => new PermissionsBitField(flags);

  it('makes Manage Channels, Manage Messages, Administrator or the configured role a moderator', () => {
    expect(roleFor(bits(PermissionFlagsBits.ManageChannels), [], {})).toBe('moderator');
    expect(roleFor(bits(PermissionFlagsBits.ManageMessages), [], {})).toBe('moderator');
    expect(roleFor(bits(PermissionFlagsBits.Administrator), [], {})).toBe('moderator');
    expect(roleFor(bits(PermissionFlagsBits.SendMessages), ['9'], { moderatorRoleId: '9' })).toBe(
      'moderator',
    );
  });

  it('makes everyone a writer unless a writer role is configured', () => {
    const plain = bits(PermissionFlagsBits.SendMessages);
    expect(roleFor(plain, [], {})).toBe('writer');
    expect(roleFor(plain, [], { writerRoleId: '7' })).toBe('audience');
    expect(roleFor(plain, ['7'], { writerRoleId: '7' })).toBe('writer');
  });
});

describe('character voices rendering', () => {
  it('takes new dialogue out of a reply in order, leaving the rest around it', () => {
    const said = beat({ id: 'b2', kind: 'dialogue', character: 'Nora', text: 'Hi.' });
    const old = beat({ id: 'b1', kind: 'dialogue', character: 'Sam', text: 'Before.' });
    const after = beat({ id: 'b3', kind: 'action', text: 'She leaves.' });
    const reply = publicReply(text('Intro'), { type: 'beats', beats: [old, said, after] }, text('Outro'));

    const parts = splitVoices(reply, (candidate) => candidate.id !== 'b1');

    expect(parts).toEqual([
      { type: 'blocks', blocks: [text('Intro'), { type: 'beats', beats: [old] }] },
      { type: 'voice', beat: said },
      { type: 'blocks', blocks: [{ type: 'beats', beats: [after] }, text('Outro')] },
    ]);
    expect(voicesPointer([said])).toBe('-# 🎭 **NORA** speaks below.');
    expect(voicesPointer([said, old, said])).toBe('-# 🎭 **NORA** and **SAM** speak below.');
  });

  it('keeps webhook usernames free of the words Discord refuses, and within 80 characters', () => {
    for (const name of ['Discord Dan', 'CLYDE', 'clydediscord']) {
      const username = webhookUsername(name);
      expect(username).not.toMatch(/discord|clyde/i);
      expect(username).toHaveLength(name.length);
    }
    expect(webhookUsername('Nora')).toBe('Nora');
    expect(Array.from(webhookUsername('𝒜'.repeat(100)))).toHaveLength(80);
  });
});
