import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { SCHEMA_VERSION } from '../../src/story/events.ts';
import { SNAPSHOT_EVERY } from '../../src/story/room-registry.ts';
import { canonicalPath } from '../../src/story/tree.ts';
import { alice, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { refusalOf } from '../helpers/user-error.ts';

describe('rooms after a restart', () => {
  it('come back with characters, beats, votes and settings from the log', async () => {
    const fixture = await startedFixture();
    const { engine } = fixture;
    await engine.say(room, alice, { character: 'Vera', text: 'Now.' });
    await engine.undo(room, mod);
    await engine.action(room, alice, { text: 'The vault hums.' });
    await engine.updateSettings(room, mod, { cooldownMs: 5_000, whoMayContinue: 'writers' });
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    await engine.castVote(room, alice, { option: 2 });
    const before = await engine.room(room);
    const after = await fixture.restart().room(room);
    expect(after).toEqual(before);
    expect(canonicalPath(after).map((b) => b.text)).toEqual(['INT. DINER - NIGHT', 'The vault hums.']);
  });

  it('loads from a snapshot plus the events after it', async () => {
    const fixture = await startedFixture();
    for (let i = 0; i < SNAPSHOT_EVERY + 10; i++)
      await fixture.engine.action(room, mod, { text: `Beat ${i}.` });
    const snapshot = (await fixture.store.readSnapshot('console:local:test')) as { seq: number; v: number };
    expect(snapshot.v).toBe(SCHEMA_VERSION);
    expect(snapshot.seq).toBeGreaterThanOrEqual(SNAPSHOT_EVERY);
    const before = await fixture.engine.room(room);
    expect(await fixture.restart().room(room)).toEqual(before);
  });

  it('ignores a corrupt snapshot and rebuilds from the log', async () => {
    const fixture = await startedFixture();
    for (let i = 0; i < SNAPSHOT_EVERY; i++) await fixture.engine.action(room, mod, { text: `Beat ${i}.` });
    const before = await fixture.engine.room(room);
    await fixture.store.writeSnapshot('console:local:test', {
      v: SCHEMA_VERSION,
      seq: 3,
      state: { nonsense: true },
    });
    expect(await fixture.restart().room(room)).toEqual(before);
  });

  it('loads a room saved in schema version 1 (durations in seconds)', async () => {
    const keyv = new Keyv();
    const store = createKeyvEventStore(keyv);
    const id = 'console:local:test';
    const user = { kind: 'user', id: 'u-mod', name: 'Mo' };
    // What the first storage format wrote: no "v", settings with voteSeconds and cooldownSeconds.
    const v1 = [
      {
        seq: 1,
        at: '2026-01-01T20:00:00.000Z',
        actor: user,
        type: 'story.started',
        story: {
          title: 'Old Story',
          premise: '',
          genre: 'noir',
          tone: 'tense',
          language: 'en',
          rating: 'teen',
          startedBy: user,
          startedAt: '2026-01-01T20:00:00.000Z',
        },
        settings: { voteSeconds: 90, whoMayContinue: 'everyone', cooldownSeconds: 15, autoVote: false },
      },
      {
        v: 1,
        seq: 2,
        at: '2026-01-01T20:01:00.000Z',
        actor: user,
        type: 'settings.changed',
        patch: { voteSeconds: 45 },
      },
    ];
    await keyv.set(`room:${id}:e:1`, v1[0]);
    await keyv.set(`room:${id}:e:2`, v1[1]);
    await keyv.set(`room:${id}:head`, 2);
    const { engine } = createFixture({ store });
    const state = await engine.room(room);
    expect(state.story?.title).toBe('Old Story');
    expect(state.settings).toMatchObject({ voteDurationMs: 45_000, cooldownMs: 15_000 });
    await expect(engine.action(room, alice, { text: 'Still works.' })).resolves.toBeDefined();
  });

  it("reads a schema-2 moderator close as the ballots' decision unless the winner was not the leader", async () => {
    const keyv = new Keyv();
    const store = createKeyvEventStore(keyv);
    const id = 'console:local:test';
    const actor = { kind: 'user', id: 'u-mod', name: 'Mo' };
    const at = '2026-01-01T00:00:00.000Z';
    const v2 = [
      {
        v: 2,
        seq: 1,
        at,
        actor,
        type: 'story.started',
        story: {
          title: 'Old Story',
          premise: '',
          genre: 'noir',
          tone: 'tense',
          language: 'en',
          rating: 'teen',
          startedBy: actor,
          startedAt: at,
        },
        settings: { voteDurationMs: 60_000, whoMayContinue: 'everyone', cooldownMs: 0, autoVote: false },
      },
      { v: 2, seq: 2, at, actor, type: 'vote.opened', voteId: 'v2', options: ['Run', 'Hide'], deadline: at },
      {
        v: 2,
        seq: 3,
        at,
        actor,
        type: 'vote.closed',
        voteId: 'v2',
        result: { winner: 1, tally: [0, 2], reason: 'moderator' },
      },
      { v: 2, seq: 4, at, actor, type: 'vote.opened', voteId: 'v4', options: ['Run', 'Hide'], deadline: at },
      {
        v: 2,
        seq: 5,
        at,
        actor,
        type: 'vote.closed',
        voteId: 'v4',
        result: { winner: 0, tally: [0, 2], reason: 'moderator' },
      },
    ];
    for (const event of v2) await keyv.set(`room:${id}:e:${event.seq}`, event);
    await keyv.set(`room:${id}:head`, v2.length);
    const { engine } = createFixture({ store });
    const votes = (await engine.room(room)).votes;
    expect(votes.v2?.result?.reason).toBe('closed-early');
    expect(votes.v4?.result?.reason).toBe('moderator');
  });

  it('refuses to guess at events from a newer release', async () => {
    const keyv = new Keyv();
    const id = 'console:local:test';
    await keyv.set(`room:${id}:e:1`, { v: SCHEMA_VERSION + 1, seq: 1, type: 'room.locked' });
    await keyv.set(`room:${id}:head`, 1);
    const { engine } = createFixture({ store: createKeyvEventStore(keyv) });
    await expect(engine.room(room)).rejects.toThrow(/newer than this release/);
  });

  it('acknowledges nothing that was not stored', async () => {
    const fixture = await startedFixture();
    const failing = {
      ...fixture.store,
      append: async () => {
        throw new Error('disk full');
      },
    };
    const { engine } = createFixture({ store: failing, clock: fixture.clock });
    const seq = (await engine.room(room)).seq;
    await expect(refusalOf(engine.action(room, alice, { text: 'Lost?' }))).resolves.toMatchObject({
      code: 'store.unavailable',
      message: expect.stringMatching(/storage is not answering right now, so nothing was added/),
    });
    expect((await engine.room(room)).seq).toBe(seq);
    expect(await fixture.restart().room(room)).toMatchObject({ seq });
  });
});

describe('rooms in memory', () => {
  it('drops idle rooms beyond the cache size and reloads them intact from the store', async () => {
    const base = createFixture();
    let loads = 0;
    const store = {
      ...base.store,
      // Every turn reads the head (is the cached room current?); only a load reads the snapshot.
      readSnapshot: (roomId: string) => {
        loads += 1;
        return base.store.readSnapshot(roomId);
      },
    };
    const engine = createStoryEngine({
      store,
      narrator: base.narrator,
      clock: base.clock,
      logger: silentLogger,
      maxCachedRooms: 2,
    });
    const rooms = ['a', 'b', 'c'].map((channelId) => ({ ...room, channelId }));
    for (const ref of rooms) await engine.startStory(ref, mod, { title: `Story ${ref.channelId}` });
    expect(loads).toBe(3);
    const a = rooms[0] as typeof room;
    const state = await engine.room(a);
    expect(loads).toBe(4);
    expect(state.story?.title).toBe('Story a');
    await engine.room(a);
    expect(loads).toBe(4);
  });

  it('keeps a room with an open vote in memory, and its deadline fires', async () => {
    const base = createFixture();
    let loads = 0;
    const store = {
      ...base.store,
      // Every turn reads the head (is the cached room current?); only a load reads the snapshot.
      readSnapshot: (roomId: string) => {
        loads += 1;
        return base.store.readSnapshot(roomId);
      },
    };
    const engine = createStoryEngine({ ...base, store, logger: silentLogger, maxCachedRooms: 1 });
    await engine.startStory(room, mod, { title: 'Voting' });
    await engine.openVote(room, mod, { options: ['A', 'B'], durationMs: 10_000 });
    await engine.startStory({ ...room, channelId: 'other' }, mod, { title: 'Other' });
    await engine.castVote(room, alice, { option: 2 });
    expect(loads).toBe(2);
    await base.clock.advance(10_000);
    expect((await engine.voteStatus(room)).result?.winner).toBe(1);
  });
});
