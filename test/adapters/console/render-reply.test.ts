import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/console/render-reply.ts';
import { localizeReply } from '../../../src/adapters/shared/localize-reply.ts';
import type { Reply } from '../../../src/commands/command.ts';
import type { Beat, Vote } from '../../../src/story/types.ts';

const NOW = Date.parse('2026-01-01T20:00:00Z');
const at = new Date(NOW).toISOString();
const narrator = { kind: 'narrator', model: 'offline narrator' } as const;
const alice = { kind: 'user', id: 'local:alice', name: 'alice' } as const;
const ROOM = { platform: 'console', workspaceId: 'local', channelId: 'r' } as const;

const show = (reply: Reply, viewer = 'you') => renderReply(localizeReply(reply, 'en'), { viewer, now: NOW });
const beats = (...list: Beat[]): Reply => ({
  visibility: 'public',
  blocks: [
    {
      type: 'beats',
      beats: list,
      scenes: { s1: { id: 's1', heading: 'INT. DINER - NIGHT', description: 'Rain on the windows.' } },
    },
  ],
});

function vote(overrides: Partial<Vote> = {}): Vote {
  return {
    id: 'v1',
    options: ['Go left', 'Go right into the dark'],
    openedBy: alice,
    openedAt: at,
    deadline: new Date(NOW + 30_000).toISOString(),
    ballots: { a: 1, b: 1, c: 0 },
    status: 'open',
    ...overrides,
  };
}

describe('renderReply', () => {
  it('lays out dialogue like a screenplay: NAME centred-ish, (parenthetical), indented lines', () => {
    const line: Beat = {
      id: 'b2',
      parentId: 'b1',
      kind: 'dialogue',
      character: 'Vera',
      parenthetical: 'quietly',
      text: 'We go tonight, before the rain stops and the streets fill up again.',
      author: narrator,
      at,
    };
    expect(show(beats(line))).toBe(
      [
        '                    VERA',
        '               (quietly)',
        '          We go tonight, before the rain',
        '          stops and the streets fill up',
        '          again.',
        '                                          — offline narrator',
      ].join('\n'),
    );
  });

  it('shows scene headings with their description, action full width and who wrote each beat', () => {
    const scene: Beat = {
      id: 'b1',
      parentId: null,
      kind: 'scene',
      text: 'INT. DINER - NIGHT',
      sceneId: 's1',
      author: alice,
      at,
    };
    const action: Beat = {
      id: 'b2',
      parentId: 'b1',
      kind: 'action',
      text: 'The door creaks open.',
      author: alice,
      at,
    };
    const cut: Beat = { id: 'b3', parentId: 'b2', kind: 'transition', text: 'cut to:', author: narrator, at };
    expect(show(beats(scene, action, cut)).split('\n')).toEqual([
      'INT. DINER - NIGHT',
      '',
      'Rain on the windows.',
      '                                                     — alice',
      '',
      'The door creaks open.',
      '                                                     — alice',
      '',
      '                                                     CUT TO:',
      '                                          — offline narrator',
    ]);
  });

  it('says under a narrator beat what it was steered toward', () => {
    const steered: Beat = {
      id: 'b2',
      parentId: null,
      kind: 'action',
      text: 'They walk in the front door.',
      author: narrator,
      at,
      direction: 'They walk in the front',
    };
    const attribution = '— offline narrator, toward "They walk in the front"';
    expect(show(beats(steered)).split('\n').at(-1)).toBe(attribution.padStart(60));
  });

  it('shows an open vote with lettered options, counts, the deadline and how to vote', () => {
    const shown = show({ visibility: 'public', blocks: [{ type: 'vote', vote: vote(), room: ROOM }] });
    const clock = new Date(NOW + 30_000).toTimeString().slice(0, 8);
    expect(shown.split('\n')).toEqual([
      `VOTE · open · closes in 30s (at ${clock})`,
      '  A. Go left                 1 vote',
      '  B. Go right into the dark  2 votes',
      '  3 votes so far. Vote with /vote cast A … B.',
    ]);
  });

  it('marks the winner of a closed vote and says how it closed', () => {
    const closed = vote({
      status: 'closed',
      result: { winner: 1, tally: [1, 2], reason: 'deadline' },
    });
    expect(show({ visibility: 'public', blocks: [{ type: 'vote', vote: closed, room: ROOM }] })).toBe(
      [
        'VOTE · closed at its deadline',
        '  A. Go left                 1 vote',
        '  B. Go right into the dark  2 votes  ← winner',
      ].join('\n'),
    );
    const quorum = vote({
      status: 'closed',
      quorum: 5,
      result: { winner: null, tally: [1, 2], reason: 'quorum' },
    });
    expect(show({ visibility: 'public', blocks: [{ type: 'vote', vote: quorum, room: ROOM }] })).toContain(
      'VOTE · closed without a winner: 3 of the 5 votes needed',
    );
  });

  it('tells a moderator closing early (the ballots decided) from a moderator picking the winner', () => {
    const render = (result: Vote['result']) =>
      show({
        visibility: 'public',
        blocks: [{ type: 'vote', vote: vote({ status: 'closed', result }), room: ROOM }],
      }).split('\n')[0];
    expect(render({ winner: 1, tally: [1, 2], reason: 'closed-early' })).toBe(
      'VOTE · closed early by a moderator; the ballots decided',
    );
    expect(render({ winner: 0, tally: [1, 2], reason: 'moderator' })).toBe(
      'VOTE · closed by a moderator, who picked the winner',
    );
  });

  it('shows fields as "name: value" under their title', () => {
    const reply: Reply = {
      visibility: 'public',
      blocks: [{ type: 'fields', title: 'Room settings', fields: [{ name: 'vote_duration', value: '30s' }] }],
    };
    expect(show(reply)).toBe('Room settings\n  vote_duration: 30s');
  });

  it('marks private replies with who sees them', () => {
    const reply: Reply = { visibility: 'private', blocks: [{ type: 'text', text: 'You voted for A.' }] };
    expect(show(reply)).toBe('(only you see this)\nYou voted for A.');
    expect(show(reply, 'alice')).toBe('(only alice sees this)\nYou voted for A.');
  });

  it('drops terminal control sequences from text written by people or a model', () => {
    const hostile: Beat = {
      id: 'b1',
      parentId: null,
      kind: 'action',
      text: 'Red \u001b[31malert\u001b[0m\u0007 \u009b2J',
      author: narrator,
      at,
    };
    expect(show(beats(hostile))).toMatch(/^Red \[31malert\[0m 2J\n/);
    expect(show(beats(hostile))).not.toMatch(/\p{Cc}(?<!\n)/u);
  });
});
