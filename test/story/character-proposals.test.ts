import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { PROPOSALS_KEPT } from '../../src/story/character-proposals.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { roomIdOf } from '../../src/story/room-id.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { alice, bob, mod, room } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

function setup() {
  const store = createKeyvEventStore(new Keyv());
  const clock = createFakeClock();
  const make = () =>
    createStoryEngine({ store, narrator: createOfflineNarrator(), clock, logger: silentLogger });
  return { store, make };
}

describe('character proposals', () => {
  it('survive a restart, and can be accepted after it', async () => {
    const { make } = setup();
    const before = make();
    await before.startStory(room, mod, { title: 'Drafts' });
    const proposal = await before.designCharacter(room, alice, { hint: 'a croupier' });
    before.stop();

    const after = make();
    const character = await after.acceptCharacter(room, bob, { id: proposal.id.toUpperCase() });
    expect(character.name).toBe(proposal.design.name);
    await expectUserError(
      after.acceptCharacter(room, bob, { id: proposal.id }),
      /no character proposal "d1" here/,
    );
    // Ids keep counting after the restart, so an old id never names a new draft.
    expect((await after.designCharacter(room, alice, {})).id).toBe('d2');
  });

  it(`keep the latest ${PROPOSALS_KEPT} of a room; older ones give way`, async () => {
    const { make } = setup();
    const engine = make();
    await engine.startStory(room, mod, { title: 'Drafts' });
    for (let i = 0; i < PROPOSALS_KEPT + 2; i++) await engine.designCharacter(room, alice, {});
    await expectUserError(engine.discardCharacter(room, alice, { id: 'd2' }), /no character proposal/);
    await expect(engine.discardCharacter(room, alice, { id: 'd3' })).resolves.toMatchObject({ id: 'd3' });
  });

  it('start afresh, without failing, when what is stored is not a list of proposals', async () => {
    const { store, make } = setup();
    const engine = make();
    await engine.startStory(room, mod, { title: 'Drafts' });
    await store.writeAttachment(roomIdOf(room), 'character-proposals', { next: 'soon', proposals: 3 });
    await expect(engine.designCharacter(room, alice, {})).resolves.toMatchObject({ id: 'd1' });
  });
});
