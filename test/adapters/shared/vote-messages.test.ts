import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createVoteMessageTracker, type VoteMessage } from '../../../src/adapters/shared/vote-messages.ts';
import { silentLogger } from '../../../src/logger.ts';
import type { ChangeListener, RoomChange } from '../../../src/story/engine.ts';
import type { RoomRef, Vote } from '../../../src/story/types.ts';

// The tracker driven as any platform would: room changes in, edits out through a recording edit().
const ROOM: RoomRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1:1700000000.000100' };
const ROOM_ID = 'slack:T1:C1:1700000000.000100';

function vote(ballots: Record<string, number>, status: Vote['status'] = 'open'): Vote {
  return {
    id: 'v1',
    options: ['Left', 'Right'],
    openedBy: { kind: 'user', id: 'u1', name: 'Ann' },
    openedAt: '2024-01-01T00:00:00.000Z',
    deadline: '2024-01-01T00:05:00.000Z',
    ballots,
    status,
  };
}

function setup(options: { stored?: Map<string, unknown>; fail?: (message: VoteMessage) => boolean } = {}) {
  const listeners: ChangeListener[] = [];
  const stored = options.stored ?? new Map<string, unknown>();
  const edits: { messageId: string; ballots: number; status: Vote['status'] }[] = [];
  const tracker = createVoteMessageTracker<VoteMessage & { token?: string }>({
    platform: 'slack',
    engine: {
      subscribe(listener) {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    },
    store: {
      readAttachment: async (roomId, key) => stored.get(`${roomId}/${key}`),
      writeAttachment: async (roomId, key, value) => {
        if (value === null) stored.delete(`${roomId}/${key}`);
        else stored.set(`${roomId}/${key}`, value);
      },
    },
    logger: silentLogger,
    now: Date.now,
    intervalMs: 30,
    storedId: z.string().regex(/^[\w.]+$/),
    async edit(message, current, room) {
      expect(room).toEqual(ROOM);
      if (options.fail?.(message)) throw new Error('gone');
      const shown = current();
      edits.push({
        messageId: message.messageId,
        ballots: Object.keys(shown.ballots).length,
        status: shown.status,
      });
    },
  });
  const change = (type: 'vote.cast' | 'vote.closed', shown: Vote, ref: RoomRef = ROOM) => {
    const room = { ref, votes: { [shown.id]: shown } };
    for (const listener of listeners)
      listener({ room, events: [{ type, voteId: shown.id }] } as unknown as RoomChange);
  };
  return { tracker, edits, stored, change };
}

const settle = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

describe('vote message tracker', () => {
  it('shows a burst of ballots in one throttled edit with the latest counts, and the close at once', async () => {
    const { tracker, edits, change } = setup();
    tracker.remember(ROOM, 'v1', { channelId: 'C1', messageId: '1.1', ephemeral: false });
    change('vote.cast', vote({ a: 0 }));
    change('vote.cast', vote({ a: 0, b: 1 }));
    change('vote.cast', vote({ a: 0, b: 1, c: 1 }));
    await settle();

    expect(edits).toEqual([{ messageId: '1.1', ballots: 3, status: 'open' }]);

    change('vote.closed', vote({ a: 0, b: 1, c: 1 }, 'closed'));
    await settle(10);
    expect(edits.at(-1)).toEqual({ messageId: '1.1', ballots: 3, status: 'closed' });
    await tracker.stop();
  });

  it('stores public messages only, forgets them once the vote is shown closed, and updates them after a restart', async () => {
    const first = setup();
    first.tracker.remember(ROOM, 'v1', { channelId: 'C1', messageId: '1.1', ephemeral: false });
    first.tracker.remember(ROOM, 'v1', { channelId: 'C1', messageId: '1.2', ephemeral: true, token: 't' });
    await first.tracker.stop();
    expect(first.stored.get(`${ROOM_ID}/slack-vote-messages.v1`)).toEqual({
      messages: [{ channelId: 'C1', messageId: '1.1' }],
    });

    const after = setup({ stored: first.stored });
    after.change('vote.closed', vote({ a: 1 }, 'closed'));
    await settle();

    expect(after.edits).toEqual([{ messageId: '1.1', ballots: 1, status: 'closed' }]);
    expect(after.stored.size).toBe(0);
    await after.tracker.stop();
  });

  it('drops a message it can no longer edit and keeps updating the others', async () => {
    const { tracker, edits, change } = setup({ fail: (message) => message.messageId === '1.1' });
    tracker.remember(ROOM, 'v1', { channelId: 'C1', messageId: '1.1', ephemeral: false });
    tracker.remember(ROOM, 'v1', { channelId: 'C1', messageId: '1.2', ephemeral: false });
    change('vote.cast', vote({ a: 0 }));
    await settle();
    change('vote.cast', vote({ a: 0, b: 0 }));
    await settle();

    expect(edits).toEqual([
      { messageId: '1.2', ballots: 1, status: 'open' },
      { messageId: '1.2', ballots: 2, status: 'open' },
    ]);
    await tracker.stop();
  });

  it("leaves another platform's rooms to that platform", async () => {
    const { tracker, edits, stored, change } = setup();
    tracker.remember(ROOM, 'v1', { channelId: 'C1', messageId: '1.1', ephemeral: false });
    change('vote.closed', vote({}, 'closed'), { ...ROOM, platform: 'discord' });
    await settle();

    expect(edits).toEqual([]);
    expect(stored.size).toBe(1);
    await tracker.stop();
  });
});
