// The behaviour every EventStore backend must show. Each backend's test file runs it against a fresh, empty
// space (its own namespace, file or table) per test.
import type Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendConflictError, type EventStore, type Lease } from '../../src/story/event-store.ts';
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

    it("hides an earlier release's half-written append (events stored, head not) and lets the next append replace it", async () => {
      const store = await open();
      await store.append('r1', storyEvents(1, 3));
      // An earlier release wrote the events, then the head; it "died" in between.
      await openKeyv().setMany(
        storyEvents(4, 5, () => 'lost').map((event) => ({ key: `room:r1:e:${event.seq}`, value: event })),
      );

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
      const lease: Lease = { holder: 'h1', by: { id: 'u1', name: 'Ana' }, expiresAt: Date.now() + 60_000 };
      await store.claimLease('r1', lease, Date.now());
      await store.close();
      const closed = { message: 'the store is closed' };
      // One late call per method: a method added to EventStore and not listed here is a type error.
      const lateCalls: { [K in Exclude<keyof EventStore, 'close'>]: () => Promise<unknown> } = {
        head: () => store.head('r1'),
        append: () => store.append('r1', [storyEvent(3)]),
        read: () => store.read('r1', 1, 2),
        readSnapshot: () => store.readSnapshot('r1'),
        writeSnapshot: () => store.writeSnapshot('r1', { v: 1, seq: 2, state: {} }),
        openVotes: () => store.openVotes(),
        setOpenVote: () => store.setOpenVote('r1', null),
        clearOpenVote: () => store.clearOpenVote('r1', '2025-01-01T00:00:00.000Z'),
        claimLease: () => store.claimLease('r1', { ...lease, holder: 'h2' }, Date.now() + 120_000),
        readLease: () => store.readLease('r1'),
        updateLease: () => store.updateLease('r1', 'h1', { expiresAt: Date.now() + 120_000 }),
        releaseLease: () => store.releaseLease('r1', 'h1'),
        readAttachment: () => store.readAttachment('r1', 'a'),
        writeAttachment: () => store.writeAttachment('r1', 'a', { late: true }),
        addToCounter: () => store.addToCounter('tokens:r1', 5, 60_000),
        readCounter: () => store.readCounter('tokens:r1'),
      };
      for (const [name, call] of Object.entries(lateCalls)) {
        await expect(call(), name).rejects.toMatchObject(closed);
      }
      await store.close();
      const reopened = await open();
      expect(await reopened.head('r1')).toBe(2);
      // Nothing late got through: the lease is the one claimed before close().
      expect((await reopened.readLease('r1'))?.expiresAt).toBe(lease.expiresAt);
      expect(await reopened.readAttachment('r1', 'a')).toBeUndefined();
      await reopened.close();
    });
  });

  describe('several writers (two store clients, as two processes would have)', () => {
    it('lets exactly one of two appends of the same seqs land, whole, and refuses the other', async () => {
      const [a, b] = [await open(), await open()];
      await a.append('r1', storyEvents(1, 3));
      const results = await Promise.allSettled([
        a.append(
          'r1',
          storyEvents(4, 6, () => 'from a'),
        ),
        b.append(
          'r1',
          storyEvents(4, 5, () => 'from b'),
        ),
      ]);
      const landed = results.filter((result) => result.status === 'fulfilled');
      expect(landed).toHaveLength(1);
      const lost = results.find((result) => result.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(AppendConflictError);
      const winner = results[0]?.status === 'fulfilled' ? 'from a' : 'from b';
      const head = await b.head('r1');
      expect(head).toBe(winner === 'from a' ? 6 : 5);
      expect(await a.read('r1', 4, head)).toEqual(storyEvents(4, head, () => winner));
    });

    it('refuses an append made from a stale head and stores nothing of it; the loser reads on and appends', async () => {
      const [a, b] = [await open(), await open()];
      await a.append('r1', storyEvents(1, 2));
      await a.append(
        'r1',
        storyEvents(3, 3, () => 'first'),
      );
      // b read head 2 before a's append: its events 3..4 must not land, not even 4.
      await expect(
        b.append(
          'r1',
          storyEvents(3, 4, () => 'stale'),
        ),
      ).rejects.toBeInstanceOf(AppendConflictError);
      expect(await b.head('r1')).toBe(3);
      await expect(b.read('r1', 4, 4)).rejects.toThrow(/missing/);
      await b.append(
        'r1',
        storyEvents(4, 4, () => 'after reading'),
      );
      expect(await a.read('r1', 3, 4)).toEqual([storyEvent(3, 'first'), storyEvent(4, 'after reading')]);
    });

    it('keeps every acknowledged event when two clients append to one room as fast as they can', async () => {
      const [a, b] = [await open(), await open()];
      const acknowledged: string[] = [];
      let conflicts = 0;
      const writer = async (store: EventStore, name: string) => {
        for (let i = 0; i < 40; i++) {
          for (;;) {
            const seq = (await store.head('r1')) + 1;
            try {
              await store.append(
                'r1',
                storyEvents(seq, seq, () => `${name}${i}`),
              );
              acknowledged.push(`${name}${i}`);
              break;
            } catch (error) {
              if (!(error instanceof AppendConflictError)) throw error;
              conflicts++;
            }
          }
        }
      };
      await Promise.all([writer(a, 'a'), writer(b, 'b')]);
      expect(await a.head('r1')).toBe(80);
      const texts = ((await b.read('r1', 1, 80)) as { text: string }[]).map((event) => event.text);
      expect(texts.sort()).toEqual(acknowledged.sort());
      expect(new Set(texts).size).toBe(80);
      expect(conflicts).toBeGreaterThanOrEqual(0);
    });

    it('clears an open-vote entry only while it still holds the deadline of the vote that closed', async () => {
      const [a, b] = [await open(), await open()];
      await a.setOpenVote('r1', '2030-01-01T00:00:00.000Z');
      await b.setOpenVote('r1', '2030-01-01T00:05:00.000Z'); // the next vote, opened on b
      await a.clearOpenVote('r1', '2030-01-01T00:00:00.000Z');
      expect(await a.openVotes()).toEqual({ r1: '2030-01-01T00:05:00.000Z' });
      await b.clearOpenVote('r1', '2030-01-01T00:05:00.000Z');
      expect(await a.openVotes()).toEqual({});
    });
  });

  describe('beat lease', () => {
    const lease = (holder: string, expiresAt: number): Lease => ({
      holder,
      by: { id: `u-${holder}`, name: holder },
      expiresAt,
    });

    it('is held by one claimer at a time, renewed and released only by its holder', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.claimLease('r1', lease('a', 1_000), 0)).toEqual({ claimed: true });
      expect(await b.claimLease('r1', lease('b', 1_500), 500)).toEqual({
        claimed: false,
        current: lease('a', 1_000),
      });
      expect(await b.updateLease('r1', 'b', { expiresAt: 9_999 })).toBeUndefined();
      expect(await a.updateLease('r1', 'a', { expiresAt: 2_000 })).toEqual(lease('a', 2_000));
      await b.releaseLease('r1', 'b'); // not b's: stays
      expect(await b.readLease('r1')).toEqual(lease('a', 2_000));
      await a.releaseLease('r1', 'a');
      expect(await b.readLease('r1')).toBeUndefined();
      expect(await b.claimLease('r1', lease('b', 3_000), 2_500)).toEqual({ claimed: true });
    });

    it('passes to another claimer once it expires, which tells whose lease it replaced', async () => {
      const [a, b] = [await open(), await open()];
      await a.claimLease('r1', lease('a', 1_000), 0);
      expect(await b.claimLease('r1', lease('b', 2_000), 1_000)).toEqual({
        claimed: true,
        replaced: lease('a', 1_000),
      });
      // The old holder, back from a stall, has lost it: it can neither renew nor release b's.
      expect(await a.updateLease('r1', 'a', { expiresAt: 5_000 })).toBeUndefined();
      await a.releaseLease('r1', 'a');
      expect(await a.readLease('r1')).toEqual(lease('b', 2_000));
    });

    it('goes to exactly one of many clients claiming it at once', async () => {
      const stores = [await open(), await open(), await open()];
      const claims = await Promise.all(
        stores.flatMap((store, s) =>
          [0, 1, 2].map((i) => store.claimLease('r1', lease(`${s}-${i}`, 1_000), 0)),
        ),
      );
      expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    });
  });

  describe('counters', () => {
    it('adds to a counter and reads the total back, from a store opened later too', async () => {
      const a = await open();
      expect(await a.readCounter('tokens:room:r1:2025-01-01')).toBe(0);
      expect(await a.addToCounter('tokens:room:r1:2025-01-01', 120, 60_000)).toBe(120);
      expect(await a.addToCounter('tokens:room:r1:2025-01-01', 0, 60_000)).toBe(120);
      expect(await a.addToCounter('tokens:room:r1:2025-01-01', 30, 60_000)).toBe(150);
      const b = await open();
      expect(await b.readCounter('tokens:room:r1:2025-01-01')).toBe(150);
      expect(await b.readCounter('tokens:room:r1:2025-01-02')).toBe(0);
    });

    it('loses no increment when two store clients add to one counter at once', async () => {
      const [a, b] = [await open(), await open()];
      const sums = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).addToCounter('c', i + 1, 60_000)),
      );
      expect(await a.readCounter('c')).toBe((40 * 41) / 2);
      // Each increment saw its own total: no two calls returned the same sum.
      expect(new Set(sums).size).toBe(40);
    });

    it('keeps counters apart from rooms, and refuses a name that could reach into other keys', async () => {
      const store = await open();
      await store.append('r1', storyEvents(1, 2));
      await store.addToCounter('r1', 5, 60_000);
      expect(await store.head('r1')).toBe(2);
      await expect(store.addToCounter('a b', 1, 60_000)).rejects.toThrow(/counter name/);
      await expect(store.addToCounter('c', -1, 60_000)).rejects.toThrow(/count/);
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
