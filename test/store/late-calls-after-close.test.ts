// The cause of "a session that did not exit" (issue 8), shown deterministically: after close(), a background
// summary finishing late (it appends its event and writes a snapshot) or a beat's lease renewal or release
// arriving late must be refused, not reconnect node-redis, whose new socket kept the process alive.
// test/two-sessions-exit.test.ts shows the same end to end, but only catches the race most of the time.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventStore, openKeyv } from '../../src/store/create-event-store.ts';
import { SCHEMA_VERSION, type StoryEvent } from '../../src/story/events.ts';

const url = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}?namespace=late-calls-${randomUUID()}`;

const tcpSockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

afterAll(async () => {
  const keyv = openKeyv(url);
  await keyv.clear();
  await keyv.disconnect();
});

const summaryEvent: StoryEvent = {
  v: SCHEMA_VERSION,
  seq: 1,
  at: '2025-01-01T00:00:00.000Z',
  actor: { kind: 'system' },
  type: 'canon.added',
  id: 'canon-1',
  text: 'a fact',
};

describe('a Redis store after close()', () => {
  it('opens no socket for a late summary or a late lease renewal or release', async () => {
    await settle();
    const before = tcpSockets();
    const store = await createEventStore(url);
    const holder = 'beat-1';
    await store.claimLease(
      'r1',
      { holder, by: { id: 'u1', name: 'Ana' }, expiresAt: Date.now() + 60_000 },
      Date.now(),
    );
    expect(tcpSockets()).toBeGreaterThan(before);
    await store.close();
    await settle();
    expect(tcpSockets()).toBe(before);

    const late = await Promise.allSettled([
      // What a rolling summary does when it lands: append its event, then the snapshot.
      store.append('r1', [summaryEvent]),
      store.writeSnapshot('r1', { v: SCHEMA_VERSION, seq: 1, state: {} }),
      // What a beat's lease timer and its finally block do.
      store.updateLease('r1', holder, { expiresAt: Date.now() + 120_000 }),
      store.releaseLease('r1', holder),
      store.clearOpenVote('r1', '2025-01-01T00:00:00.000Z'),
    ]);
    await settle();
    expect(tcpSockets()).toBe(before);
    expect(late.map((result) => result.status)).toEqual(late.map(() => 'rejected'));
  });
});
