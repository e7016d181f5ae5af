// Who may do what, room by room: moderators alone lock, unlock and cancel votes; the audience votes but does
// not write in a writers-only room; and one room's work never waits on another's.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import { roomIdOf } from '../../src/story/room-id.ts';
import type { RoomRef } from '../../src/story/types.ts';
import { alice, bob, carol, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

const otherRoom: RoomRef = { ...room, channelId: 'other' };

/** Settles with "still waiting" when the promise has not settled after a few turns of the event loop. */
async function settledSoon<T>(promise: Promise<T>): Promise<T | 'still waiting'> {
  const waiting = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 50));
  return Promise.race([promise, waiting]);
}

describe('moderator-only room controls', () => {
  it('refuses /room lock from a writer and leaves the room open', async () => {
    const { engine } = await startedFixture();
    await expectUserError(engine.lock(room, alice), 'Only moderators can lock the room.');
    await expectUserError(engine.lock(room, carol), 'Only moderators can lock the room.');
    expect((await engine.room(room)).locked).toBeUndefined();
    await expect(engine.action(room, alice, { text: 'Still open.' })).resolves.toBeDefined();
  });

  it('refuses /room unlock from a writer and leaves the room locked', async () => {
    const { engine } = await startedFixture();
    await engine.lock(room, mod);
    await expectUserError(engine.unlock(room, alice), 'Only moderators can unlock the room.');
    await expectUserError(engine.unlock(room, carol), 'Only moderators can unlock the room.');
    await expectUserError(engine.action(room, bob, { text: 'Hi.' }), /locked by Mo/);
  });

  it('refuses /vote cancel from anyone but a moderator, and the vote stays open', async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['Run', 'Hide'] });
    await expectUserError(engine.cancelVote(room, alice), 'Only moderators can cancel votes.');
    await expectUserError(engine.cancelVote(room, carol), 'Only moderators can cancel votes.');
    expect((await engine.voteStatus(room)).status).toBe('open');
    await engine.cancelVote(room, mod);
    expect((await engine.voteStatus(room)).status).toBe('cancelled');
  });
});

describe('the audience in a writers-only room', () => {
  it('is refused /scene continue, with a message that says it can still vote', async () => {
    const { engine, narrator } = await startedFixture();
    await engine.updateSettings(room, mod, { whoMayContinue: 'writers' });
    await expectUserError(
      engine.continueStory(room, carol, {}),
      'In this room only writers and moderators add to the story. You can still vote on branches.',
    );
    expect(narrator.calls).toHaveLength(0);
  });

  it('may vote, and its ballot counts', async () => {
    const { engine } = await startedFixture();
    await engine.updateSettings(room, mod, { whoMayContinue: 'writers' });
    await engine.openVote(room, alice, { options: ['Run', 'Hide'] });
    await expect(engine.castVote(room, carol, { option: 2 })).resolves.toMatchObject({ option: 1 });
    expect((await engine.voteStatus(room)).ballots).toEqual({ 'u-carol': 1 });
  });
});

describe('different rooms', () => {
  it('write beats in parallel: a beat being written in one room does not hold up another', async () => {
    const { engine, narrator } = await startedFixture();
    await engine.startStory(otherRoom, mod, { title: 'The Other Story' });
    narrator.hold();
    const held = engine.continueStory(room, alice, {});
    await new Promise((resolve) => setImmediate(resolve));
    const other = await settledSoon(engine.continueStory(otherRoom, bob, {}));
    expect(other).not.toBe('still waiting');
    expect(other).toMatchObject({ beat: { author: { kind: 'narrator' } } });
    // The held room still refuses a second beat: the "being written" rule is per room, not global.
    await expectUserError(engine.continueStory(room, bob, {}), /already being written/);
    narrator.release();
    await expect(held).resolves.toBeDefined();
  });

  it('run changes in parallel: a change stuck on its way to the store in one room does not queue another', async () => {
    const inner = createKeyvEventStore(new Keyv());
    const stuckRoom = roomIdOf(room);
    let unstick = () => {};
    let stuck = false;
    const store: EventStore = {
      ...inner,
      async append(roomId, events) {
        if (stuck && roomId === stuckRoom) await new Promise<void>((resolve) => (unstick = resolve));
        return inner.append(roomId, events);
      },
    };
    const { engine } = createFixture({ store });
    await engine.startStory(room, mod, { title: 'Stuck' });
    await engine.startStory(otherRoom, mod, { title: 'Free' });
    stuck = true;
    const first = engine.action(room, alice, { text: 'One.' });
    const sameRoom = settledSoon(engine.action(room, bob, { text: 'Two.' }));
    await expect(settledSoon(engine.action(otherRoom, bob, { text: 'Elsewhere.' }))).resolves.toMatchObject({
      beat: { text: 'Elsewhere.' },
    });
    // Changes to one room are still serialized: the second waits behind the stuck one.
    expect(await sameRoom).toBe('still waiting');
    stuck = false;
    unstick();
    await expect(first).resolves.toBeDefined();
  });
});
