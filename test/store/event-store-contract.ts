// The behaviour every EventStore backend must show. Each backend's test file runs it against a fresh, empty
// space (its own namespace, file or table) per test.
import type Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import { SCHEMA_VERSION, type StoryEvent } from '../../src/story/events.ts';

export interface StoreSpace {
  /** A new store (and connection) on this space's data. */
  open(): Promise<EventStore>;
  /** A new Keyv on the same data. */
  openKeyv(): Keyv;
}

export function storyEvent(seq: number, text = `fact ${seq}`): StoryEvent {
  return {
    v: SCHEMA_VERSION,
    seq,
    at: '2025-01-01T00:00:00.000Z',
    actor: { kind: 'system' },
    type: 'canon.added',
    id: `canon-${seq}`,
    text,
  };
}

export function storyEvents(from: number, to: number, text?: (seq: number) => string): StoryEvent[] {
  const out: StoryEvent[] = [];
  for (let seq = from; seq <= to; seq++) out.push(storyEvent(seq, text?.(seq)));
  return out;
}

/** Fails (never skips) the suite with a clear message when the backend's server does not answer. */
export async function requireServer(
  name: string,
  url: string,
  open: () => Promise<EventStore>,
): Promise<void> {
  try {
    await (await open()).close();
  } catch (error) {
    throw new Error(
      `${name} at ${url} is not reachable. The storage tests run against a real ${name} and never skip: ` +
        `start the server (CI runs it as a service). Cause: ${error instanceof Error ? error.message : error}`,
    );
  }
}

export function describeEventStoreContract(createSpace: () => StoreSpace): void {
  let space: StoreSpace;
  const opened: Array<EventStore | Keyv> = [];

  const open = async () => {
    const store = await space.open();
    opened.push(store);
    return store;
  };
  const openKeyv = () => {
    const keyv = space.openKeyv();
    opened.push(keyv);
    return keyv;
  };

  beforeEach(() => {
    space = createSpace();
  });

  afterEach(async () => {
    const keyv = openKeyv();
    await keyv.clear();
    for (const handle of opened.splice(0)) {
      await ('disconnect' in handle ? handle.disconnect() : handle.close()).catch(() => undefined);
    }
  });

  describe('event log', () => {
    it('starts empty: head 0, no snapshot, no open votes', async () => {
      const store = await open();
      expect(await store.head('r1')).toBe(0);
      expect(await store.readSnapshot('r1')).toBeUndefined();
      expect(await store.openVotes()).toEqual({});
      expect(await store.read('r1', 1, 0)).toEqual([]);
    });

    it('reads appended events back in order, with head at the last acknowledged seq', async () => {
      const store = await open();
      await store.append('r1', storyEvents(1, 3));
      await store.append('r1', [storyEvent(4)]);

      expect(await store.head('r1')).toBe(4);
      expect(await store.read('r1', 1, 4)).toEqual(storyEvents(1, 4));
      expect(await store.read('r1', 2, 3)).toEqual(storyEvents(2, 3));
    });

    it('keeps acknowledged events for a store opened later', async () => {
      const first = await open();
      await first.append('r1', storyEvents(1, 5));
      await first.close();

      const second = await open();
      expect(await second.head('r1')).toBe(5);
      expect(await second.read('r1', 1, 5)).toEqual(storyEvents(1, 5));
    });

    it('reads a range that spans several 500-key chunks', async () => {
      const store = await open();
      for (let from = 1; from <= 1203; from += 200)
        await store.append('r1', storyEvents(from, Math.min(1203, from + 199)));

      const all = storyEvents(1, 1203);
      expect(await store.head('r1')).toBe(1203);
      expect(await store.read('r1', 1, 1203)).toEqual(all);
      expect(await store.read('r1', 499, 1002)).toEqual(all.slice(498, 1002));
    });

    it('rejects a read past the head instead of returning a short log', async () => {
      const store = await open();
      await store.append('r1', storyEvents(1, 2));
      await expect(store.read('r1', 1, 3)).rejects.toThrow(/event 3 of room r1 is missing/);
    });

    it('rejects events whose seqs skip, and stores none of them', async () => {
      const store = await open();
      await expect(store.append('r1', [storyEvent(1), storyEvent(3)])).rejects.toThrow(/skip/);
      expect(await store.head('r1')).toBe(0);
      await expect(store.read('r1', 1, 1)).rejects.toThrow(/missing/);
    });

    it('hides a half-written append (events stored, head not) and lets the next append replace it', async () => {
      const store = await open();
      await store.append('r1', storyEvents(1, 3));
      // The process "dies" after the events of an append are written and before its head is.
      const keyv = openKeyv();
      let dead = false;
      const dying = new Proxy(keyv, {
        get(target, property) {
          if (property === 'setMany') {
            return async (entries: Parameters<Keyv['setMany']>[0]) => {
              const result = await target.setMany(entries);
              dead = true;
              return result;
            };
          }
          if (property === 'set' && dead) return () => Promise.reject(new Error('killed'));
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
        set(target, property, value) {
          return Reflect.set(target, property, value, target);
        },
      });
      await expect(
        createKeyvEventStore(dying).append(
          'r1',
          storyEvents(4, 5, () => 'lost'),
        ),
      ).rejects.toThrow('killed');

      const reopened = await open();
      expect(await reopened.head('r1')).toBe(3);
      expect(await reopened.read('r1', 1, 3)).toEqual(storyEvents(1, 3));

      await reopened.append(
        'r1',
        storyEvents(4, 5, () => 'kept'),
      );
      expect(await reopened.head('r1')).toBe(5);
      expect(await reopened.read('r1', 4, 5)).toEqual(storyEvents(4, 5, () => 'kept'));
    });
  });

  describe('closing', () => {
    it('refuses every call after close() instead of reconnecting (a late call kept a process alive)', async () => {
      const store = await open();
      await store.append('r1', storyEvents(1, 2));
      await store.close();
      const closed = { message: 'the store is closed' };
      await expect(store.head('r1')).rejects.toMatchObject(closed);
      await expect(store.append('r1', [storyEvent(3)])).rejects.toMatchObject(closed);
      await expect(store.read('r1', 1, 2)).rejects.toMatchObject(closed);
      await expect(store.readSnapshot('r1')).rejects.toMatchObject(closed);
      await expect(store.openVotes()).rejects.toMatchObject(closed);
      await expect(store.setOpenVote('r1', null)).rejects.toMatchObject(closed);
      await expect(store.readAttachment('r1', 'a')).rejects.toMatchObject(closed);
      await store.close();
      expect(await (await open()).head('r1')).toBe(2);
    });
  });

  describe('snapshots', () => {
    it('round-trips a snapshot and replaces it with a newer one', async () => {
      const store = await open();
      const older = {
        v: 2,
        seq: 10,
        state: { title: 'The Lighthouse', beats: [{ id: 'b1', text: 'Fog.' }] },
      };
      const newer = { v: 2, seq: 20, state: { title: 'The Lighthouse', beats: [], note: 'ünïcødé ✓' } };

      await store.writeSnapshot('r1', older);
      expect(await store.readSnapshot('r1')).toEqual(older);
      await store.writeSnapshot('r1', newer);
      expect(await (await open()).readSnapshot('r1')).toEqual(newer);
    });
  });

  describe('open votes', () => {
    it('records, replaces and clears a room deadline', async () => {
      const store = await open();
      await store.setOpenVote('r1', '2025-01-01T10:00:00.000Z');
      await store.setOpenVote('r2', '2025-01-01T11:00:00.000Z');
      await store.setOpenVote('r1', '2025-01-01T12:00:00.000Z');
      await store.setOpenVote('r2', null);

      expect(await (await open()).openVotes()).toEqual({ r1: '2025-01-01T12:00:00.000Z' });
    });

    it('loses no update when many setOpenVote calls run at once', async () => {
      const store = await open();
      const deadline = (n: number) => `2025-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;
      await Promise.all([
        ...Array.from({ length: 30 }, (_, n) => store.setOpenVote(`room-${n}`, deadline(n))),
        // Closing a vote that another call opens in the same burst.
        store.setOpenVote('room-3', null),
      ]);

      const expected: Record<string, string> = {};
      for (let n = 0; n < 30; n++) if (n !== 3) expected[`room-${n}`] = deadline(n);
      expect(await (await open()).openVotes()).toEqual(expected);
    });

    it('loses no update when two processes sharing the store open and close votes at once', async () => {
      const [first, second] = [await open(), await open()];
      const deadline = (n: number) => `2025-01-01T00:01:${String(n).padStart(2, '0')}.000Z`;
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          (n % 2 === 0 ? first : second).setOpenVote(`room-${n}`, deadline(n)),
        ),
      );
      await Promise.all([first.setOpenVote('room-4', null), second.setOpenVote('room-7', null)]);

      const expected: Record<string, string> = {};
      for (let n = 0; n < 40; n++) if (n !== 4 && n !== 7) expected[`room-${n}`] = deadline(n);
      expect(await (await open()).openVotes()).toEqual(expected);
    });

    it("reads an earlier release's single open-votes index, and moves it to one key per room", async () => {
      const keyv = openKeyv();
      await keyv.set('open-votes', { 'console:local:a': '2025-01-01T10:00:00.000Z' });
      const store = await open();
      await store.setOpenVote('console:local:b', '2025-01-01T11:00:00.000Z');
      expect(await store.openVotes()).toEqual({
        'console:local:a': '2025-01-01T10:00:00.000Z',
        'console:local:b': '2025-01-01T11:00:00.000Z',
      });
      expect(await keyv.get('open-votes')).toBeUndefined();
      await store.setOpenVote('console:local:a', null);
      expect(await (await open()).openVotes()).toEqual({ 'console:local:b': '2025-01-01T11:00:00.000Z' });
    });

    it('lists only open votes, however many other keys the store holds', async () => {
      const store = await open();
      await store.append('console:local:open-vote', storyEvents(1, 50));
      await store.writeAttachment('console:local:x', 'open-vote', { not: 'a vote' });
      await store.setOpenVote('console:local:x', '2025-01-01T10:00:00.000Z');
      expect(await (await open()).openVotes()).toEqual({ 'console:local:x': '2025-01-01T10:00:00.000Z' });
    });
  });

  describe('attachments', () => {
    it('round-trips, replaces and deletes an attachment, for a store opened later too', async () => {
      const store = await open();
      expect(await store.readAttachment('r1', 'discord-vote.v1')).toBeUndefined();

      await store.writeAttachment('r1', 'discord-vote.v1', {
        messages: [{ channelId: '1', messageId: '2' }],
      });
      await store.writeAttachment('r1', 'discord-vote.v1', {
        messages: [{ channelId: '1', messageId: '3' }],
      });
      expect(await (await open()).readAttachment('r1', 'discord-vote.v1')).toEqual({
        messages: [{ channelId: '1', messageId: '3' }],
      });

      await store.writeAttachment('r1', 'discord-vote.v1', null);
      expect(await (await open()).readAttachment('r1', 'discord-vote.v1')).toBeUndefined();
      // Deleting what is not there is not an error.
      await store.writeAttachment('r1', 'never-written', null);
    });

    it('keeps attachments apart by room and key, and away from the log and snapshot', async () => {
      const store = await open();
      await store.append('a', storyEvents(1, 2));
      await store.writeSnapshot('a', { v: 2, seq: 2, state: 'a' });
      for (const room of ['a', 'a:att', 'b'])
        for (const key of ['x', 'head', 'snap']) await store.writeAttachment(room, key, `${room}/${key}`);
      await store.writeAttachment('b', 'x', null);

      expect(await store.readAttachment('a', 'x')).toBe('a/x');
      expect(await store.readAttachment('a:att', 'snap')).toBe('a:att/snap');
      expect(await store.readAttachment('b', 'x')).toBeUndefined();
      expect(await store.readAttachment('b', 'head')).toBe('b/head');
      expect(await store.head('a')).toBe(2);
      expect(await store.read('a', 1, 2)).toEqual(storyEvents(1, 2));
      expect(await store.readSnapshot('a')).toEqual({ v: 2, seq: 2, state: 'a' });
    });

    it('refuses a key with a colon, which could reach into another room’s keys', async () => {
      const store = await open();
      await expect(store.writeAttachment('a', 'e:1', 'x')).rejects.toThrow(/invalid attachment key/);
      await expect(store.readAttachment('a', '')).rejects.toThrow(/invalid attachment key/);
    });
  });

  describe('rooms', () => {
    it('keeps each room to itself, even when one id is a prefix of another', async () => {
      const store = await open();
      const rooms = ['a', 'a:e:1', 'a:head', 'b'];
      for (const [index, room] of rooms.entries()) {
        await store.append(
          room,
          storyEvents(1, index + 1, (seq) => `${room} ${seq}`),
        );
        await store.writeSnapshot(room, { v: 2, seq: index + 1, state: room });
      }

      for (const [index, room] of rooms.entries()) {
        expect(await store.head(room)).toBe(index + 1);
        expect(await store.read(room, 1, index + 1)).toEqual(
          storyEvents(1, index + 1, (seq) => `${room} ${seq}`),
        );
        expect(await store.readSnapshot(room)).toEqual({ v: 2, seq: index + 1, state: room });
      }
      expect(await store.head('c')).toBe(0);
    });
  });
}
