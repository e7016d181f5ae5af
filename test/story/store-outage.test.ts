// The store goes away while the bot runs: the person is told plainly, nothing is half-written, and the room
// works again once the store is back. A wrapper at the EventStore interface switches the store off and on.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../src/adapters/console/console-session.ts';
import { commands } from '../../src/commands/index.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';
import { alice, createFixture, mod, room } from '../helpers/story-fixture.ts';
import { refusalOf } from '../helpers/user-error.ts';

/** A store whose every call fails while `down` is set, the way a dropped Redis connection fails. */
function switchableStore(base: EventStore) {
  const state = { down: false };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      return call(...args);
    };
  const store: EventStore = {
    ...base,
    append: guard(base.append.bind(base)),
    read: guard(base.read.bind(base)),
    head: guard(base.head.bind(base)),
    readSnapshot: guard(base.readSnapshot.bind(base)),
    writeSnapshot: guard(base.writeSnapshot.bind(base)),
    setOpenVote: guard(base.setOpenVote.bind(base)),
    openVotes: guard(base.openVotes.bind(base)),
  };
  return { store, state };
}

describe('when the store goes away while running', () => {
  it('refuses the change with a clear message, stores nothing, and works again when the store is back', async () => {
    const base = createKeyvEventStore(new Keyv());
    const { store, state } = switchableStore(base);
    const { engine } = createFixture({ store });
    await engine.startStory(room, mod, { title: 'Outage' });
    await engine.addCharacter(room, mod, { name: 'Vera' });
    const before = (await engine.room(room)).seq;

    state.down = true;
    await expect(
      refusalOf(engine.say(room, alice, { character: 'Vera', text: 'Anyone there?' })),
    ).resolves.toMatchObject({
      name: 'UserError',
      code: 'store.unavailable',
      message:
        "The story's storage is not answering right now, so nothing was added or changed. Try again in a moment.",
    });

    // Reading the room needs the store too (another process may have written it), so look once it is back.
    state.down = false;
    expect((await engine.room(room)).seq).toBe(before);
    expect(await base.head((await engine.room(room)).id)).toBe(before);
    const { beat } = await engine.say(room, alice, { character: 'Vera', text: 'Back again.' });
    expect(beat.text).toBe('Back again.');
    expect((await engine.room(room)).seq).toBe(before + 1);
    expect(await base.head((await engine.room(room)).id)).toBe(before + 1);
  });

  it('says the storage is not answering when the room cannot be read, then opens it once the store is back', async () => {
    const base = createKeyvEventStore(new Keyv());
    const { store, state } = switchableStore(base);
    const first = createFixture({ store: base });
    await first.engine.startStory(room, mod, { title: 'Outage' });
    const { engine } = createFixture({ store });
    state.down = true;
    await expect(refusalOf(engine.room(room))).resolves.toMatchObject({
      code: 'store.unavailable',
      message: expect.stringMatching(/storage is not answering right now, so nothing was added or changed/),
    });
    state.down = false;
    expect((await engine.room(room)).story?.title).toBe('Outage');
  });

  it('shows the person the message, not "something went wrong", in the terminal room', async () => {
    const base = createKeyvEventStore(new Keyv());
    const { store, state } = switchableStore(base);
    const logger = createRecordingLogger();
    const { engine, clock } = createFixture({ store });
    const session = createConsoleSession({ engine, commands, logger, room, user: mod, now: clock.now });
    const shown: string[] = [];
    shown.push((await session.run('/scene start title:Outage')) ?? '');
    state.down = true;
    shown.push((await session.run('/action The lights go out.')) ?? '');
    state.down = false;
    shown.push((await session.run('/action The lights come back.')) ?? '');
    expect(shown[1]).toContain(
      "The story's storage is not answering right now, so nothing was added or changed.",
    );
    expect(shown[1]).not.toContain('Something went wrong');
    expect(shown[2]).toContain('The lights come back.');
  });
});
