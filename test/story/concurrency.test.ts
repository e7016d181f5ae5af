import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/story/errors.ts';
import { childrenOf } from '../../src/story/tree.ts';
import { alice, bob, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError, shownText } from '../helpers/user-error.ts';

describe('concurrent commands on one room', () => {
  it('never writes two beats from the same head: the second continue is told a beat is being written', async () => {
    const { engine, narrator } = await startedFixture();
    narrator.hold();
    const first = engine.continueStory(room, alice, {});
    await new Promise((resolve) => setImmediate(resolve));
    const second = await engine.continueStory(room, bob, {}).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(UserError);
    expect(shownText(second as UserError)).toMatch(/already being written \(asked by Alice\)/);
    narrator.release();
    const beat = (await first).beat;
    const state = await engine.room(room);
    expect(childrenOf(state, beat.parentId)).toHaveLength(1);
    await expect(engine.continueStory(room, bob, {})).resolves.toBeDefined();
  });

  it('keeps voting while a beat is being written', async () => {
    const { engine, narrator } = await startedFixture();
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    narrator.hold();
    const writing = engine.continueStory(room, alice, {});
    await new Promise((resolve) => setImmediate(resolve));
    await engine.castVote(room, bob, { option: 2 });
    narrator.release();
    await writing;
    expect((await engine.voteStatus(room)).ballots).toEqual({ 'u-bob': 1 });
  });

  it('a cancelled generation adds nothing to the story, only the audit entry', async () => {
    const { engine, narrator } = await startedFixture();
    const before = await engine.room(room);
    const seq = before.seq;
    const beatsBefore = structuredClone(before.beats);
    narrator.hold();
    const writing = engine.continueStory(room, alice, {}).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    await expectUserError(engine.cancelGeneration(room, bob), /Only moderators/);
    await engine.cancelGeneration(room, mod);
    const error = await writing;
    expect(error).toBeInstanceOf(UserError);
    expect(shownText(error as UserError)).toMatch(/cancelled.*Nothing was added/);
    const after = await engine.room(room);
    expect(after.seq).toBe(seq + 1); // generation.cancelled, for the audit log
    expect(after.beats).toEqual(beatsBefore);
    const { events } = await engine.history(room);
    expect(events.at(-1)).toMatchObject({
      type: 'generation.cancelled',
      actor: { name: 'Mo' },
      requestedBy: { name: 'Alice' },
    });
  });

  it('a cancel queued just as the narrator finishes still keeps the beat out', async () => {
    const { engine, narrator, store } = await startedFixture();
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    const seq = (await engine.room(room)).seq;
    narrator.hold();
    const writing = engine.continueStory(room, alice, {}).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    // A ballot's slow write keeps the room's queue busy; the cancel waits behind it, and the narrator finishes.
    const append = store.append.bind(store);
    let unblock = () => {};
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    store.append = async (...args) => {
      await blocked;
      return append(...args);
    };
    const ballot = engine.castVote(room, bob, { option: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    const cancelling = engine.cancelGeneration(room, mod);
    narrator.release();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    unblock();
    await ballot;
    expect((await cancelling).name).toBe('Alice');
    expect(await writing).toMatchObject({ code: 'generation.cancelled' });
    const after = await engine.room(room);
    expect(after.seq).toBe(seq + 2); // the ballot and the cancel's audit entry, and no beat
    expect(Object.values(after.beats).filter((beat) => beat.author.kind === 'narrator')).toHaveLength(0);
  });

  it('a failed generation leaves the story exactly as it was', async () => {
    const { engine, narrator } = await startedFixture();
    const seq = (await engine.room(room)).seq;
    narrator.failNext(new UserError('narrator.down', 'The narrator is unavailable.'));
    await expectUserError(engine.continueStory(room, alice, {}), /unavailable/);
    expect((await engine.room(room)).seq).toBe(seq);
    await expect(engine.continueStory(room, alice, {})).resolves.toBeDefined();
  });

  it('acknowledges no ballot of a batch whose append failed', async () => {
    const fixture = await startedFixture();
    await fixture.engine.openVote(room, alice, { options: ['A', 'B'] });
    const append = fixture.store.append;
    fixture.store.append = async () => {
      throw new Error('disk full');
    };
    const results = await Promise.allSettled(
      ['x', 'y', 'z'].map((id) =>
        fixture.engine.castVote(room, { id, name: id, role: 'audience' }, { option: 1 }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    fixture.store.append = append;
    expect((await fixture.engine.voteStatus(room)).ballots).toEqual({});
    await expect(fixture.engine.castVote(room, bob, { option: 2 })).resolves.toMatchObject({ option: 1 });
  });

  it('tells a person who votes twice in one batch what they changed', async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    const [first, second] = await Promise.all([
      engine.castVote(room, bob, { option: 1 }),
      engine.castVote(room, bob, { option: 2 }),
    ]);
    expect(first.previous).toBeUndefined();
    expect(second.previous).toBe(0);
    expect((await engine.voteStatus(room)).ballots).toEqual({ 'u-bob': 1 });
  });

  it('serializes many simultaneous ballots without losing one', async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['A', 'B', 'C'] });
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        engine.castVote(room, { id: `u${i}`, name: `U${i}`, role: 'audience' }, { option: (i % 3) + 1 }),
      ),
    );
    const vote = await engine.closeVote(room, mod, {});
    expect(vote.result?.tally).toEqual([100, 100, 100]);
  });
});
