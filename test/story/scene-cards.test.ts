// /scene build through the engine with the recording narrator: a card is a proposal until a writer accepts
// it; accepting opens the scene as /scene new does, and the card is the scene's description in every prompt
// while the scene lasts.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { assemblePrompt } from '../../src/llm/prompt/assemble-prompt.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { roomIdOf } from '../../src/story/room-id.ts';
import { SCENE_PROPOSALS_KEPT } from '../../src/story/scene-proposals.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { createRecordingNarrator } from '../helpers/recording-narrator.ts';
import { alice, bob, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

// A small context, so that sixty long beats push the scene's heading out of the verbatim window.
const budget = { contextTokens: 4096, maxReplyTokens: 1024 };

describe('/scene build', () => {
  it('proposes a card without touching the story; accepting it opens the scene with the card', async () => {
    const { engine, narrator } = await startedFixture();
    const before = await engine.room(room);
    const { promptTokens } = before.usage;
    const scenes = Object.keys(before.scenes);
    const proposal = await engine.designScene(room, alice, { notes: 'a storm is coming' });
    expect(proposal).toMatchObject({ id: 'c1', model: 'recording', by: { id: alice.id } });
    expect(proposal.card.atmosphere).toBe('a storm is coming');
    expect(narrator.calls.at(-1)).toMatchObject({
      method: 'designScene',
      request: { notes: 'a storm is coming' },
    });
    const during = await engine.room(room);
    expect(during.headId).toBe(before.headId);
    expect(Object.keys(during.scenes)).toEqual(scenes);
    // The card's usage is counted like a critique's.
    expect(during.usage.promptTokens).toBe(promptTokens + 100);

    const outcome = await engine.acceptScene(room, bob, { id: 'C1' });
    expect(outcome.beat).toMatchObject({
      kind: 'scene',
      text: 'EXT. HARBOR - NIGHT',
      author: { id: bob.id },
    });
    expect(outcome.scene?.card).toEqual(proposal.card);
    expect(outcome.scene?.description).toBe('The end of the pier · Just before dawn · a storm is coming');
    // Accepted once: the card is gone.
    await expectUserError(engine.acceptScene(room, bob, { id: 'c1' }), 'There is no scene card c1');
  });

  it('keeps the heading a writer gives, cleaned as /scene new cleans it, and refuses a bad one before asking', async () => {
    const { engine, narrator } = await startedFixture();
    const proposal = await engine.designScene(room, alice, { heading: 'int.  rooftop - dawn' });
    expect(proposal.card.heading).toBe('INT. ROOFTOP - DAWN');
    const calls = narrator.calls.length;
    await expectUserError(engine.designScene(room, alice, { heading: 'the rooftop' }), 'INT.');
    expect(narrator.calls).toHaveLength(calls);
  });

  it('refuses a card whose heading the narrator got wrong, keeping nothing', async () => {
    const { engine, narrator } = await startedFixture();
    narrator.cards.push({
      heading: 'somewhere',
      location: 'x',
      timeOfDay: 'x',
      atmosphere: 'x',
      lighting: 'x',
      sounds: 'x',
      props: [],
      present: [],
    });
    await expectUserError(engine.designScene(room, alice, {}), "narrator's scene heading was not usable");
    await expectUserError(engine.acceptScene(room, alice, { id: 'c1' }), 'no scene card c1');
  });

  it('normalizes and bounds what the narrator wrote', async () => {
    const { engine, narrator } = await startedFixture();
    narrator.cards.push({
      heading: 'EXT. DOCKS - NIGHT',
      location: `Pier\u200b 9\n\nby the water${'!'.repeat(500)}`,
      timeOfDay: 'night',
      atmosphere: 'tense',
      lighting: 'dim',
      sounds: 'gulls',
      props: Array.from({ length: 20 }, (_, i) => `prop ${i}`),
      present: [
        { name: 'Vera', wants: 'out' },
        { name: 'vera', wants: 'listed twice' },
        { name: '\u200b', wants: 'nobody' },
      ],
    });
    const { card } = await engine.designScene(room, alice, {});
    expect(card.location.startsWith('Pier 9 by the water!')).toBe(true);
    expect(card.location.length).toBe(200);
    expect(card.props).toHaveLength(6);
    expect(card.present).toEqual([{ name: 'Vera', wants: 'out' }]);
  });

  it('lets the proposer or a moderator discard a card, no one else', async () => {
    const { engine } = await startedFixture();
    await engine.designScene(room, alice, {});
    await engine.designScene(room, alice, {});
    await expectUserError(engine.discardScene(room, bob, { id: 'c1' }), 'moderator');
    await expect(engine.discardScene(room, alice, { id: 'c1' })).resolves.toMatchObject({ id: 'c1' });
    await expect(engine.discardScene(room, mod, { id: 'c2' })).resolves.toMatchObject({ id: 'c2' });
    await expectUserError(engine.discardScene(room, mod, { id: 'c2' }), 'There is no scene card c2');
  });

  it(`keeps the latest ${SCENE_PROPOSALS_KEPT} cards, across a restart`, async () => {
    const fixture = await startedFixture();
    for (let i = 0; i < SCENE_PROPOSALS_KEPT + 1; i++) await fixture.engine.designScene(room, alice, {});
    const after = fixture.restart();
    await expectUserError(after.acceptScene(room, alice, { id: 'c1' }), 'no scene card c1');
    await expect(after.acceptScene(room, alice, { id: 'c2' })).resolves.toMatchObject({
      beat: { kind: 'scene' },
    });
    expect((await after.designScene(room, alice, {})).id).toBe(`c${SCENE_PROPOSALS_KEPT + 2}`);
  });

  it('follows the room: refused while locked, for the audience when only writers continue, and without a story', async () => {
    const { engine, store } = await startedFixture();
    await engine.updateSettings(room, mod, { whoMayContinue: 'writers' });
    await expectUserError(engine.designScene(room, carol, {}), 'writer');
    await engine.designScene(room, alice, {});
    await engine.lock(room, mod);
    await expectUserError(engine.designScene(room, alice, {}), 'locked');
    await expectUserError(engine.acceptScene(room, alice, { id: 'c1' }), 'locked');
    await store.writeAttachment(roomIdOf(room), 'scene-proposals', { next: 'x' });
    await engine.unlock(room, mod);
    await expect(engine.designScene(room, alice, {})).resolves.toMatchObject({ id: 'c1' });
  });
});

describe('an accepted card in the narrator’s prompt', () => {
  it('is there while its scene lasts, after its heading leaves the recent beats, and gone after the next scene', async () => {
    const { engine } = await startedFixture();
    await engine.designScene(room, alice, {});
    const headBefore = (await engine.room(room)).headId;
    await engine.acceptScene(room, alice, { id: 'c1' });
    expect((await engine.room(room)).headId).not.toBe(headBefore);
    const tail = async () =>
      assemblePrompt(await engine.room(room), { instruction: 'Next.' }, budget).sections.tail;
    expect(await tail()).toContain('Water slapping the pilings');
    expect(await tail()).toContain('VERA wants: To see who comes first');
    for (let i = 0; i < 60; i++)
      await engine.action(room, mod, { text: `Long beat ${i}. ${'word '.repeat(60)}` });
    const state = await engine.room(room);
    const prompt = assemblePrompt(state, { instruction: 'Next.' }, budget);
    expect(prompt.sections.recent).not.toContain('EXT. HARBOR - NIGHT');
    expect(prompt.sections.tail).toContain('Water slapping the pilings');
    expect(prompt.tokens).toBeLessThanOrEqual(prompt.budget);

    await engine.newScene(room, alice, { heading: 'INT. CAR - NIGHT' });
    expect(await tail()).not.toContain('Water slapping the pilings');
  });
});

describe('/scene build under a daily token budget', () => {
  it('counts the card against the budget, and is refused before asking once the budget is spent', async () => {
    const store = createKeyvEventStore(new Keyv());
    const narrator = createRecordingNarrator();
    const engine = createStoryEngine({
      store,
      narrator,
      clock: createFakeClock(),
      logger: silentLogger,
      tokenBudget: { perRoom: 200 },
    });
    await engine.startStory(room, mod, { title: 'The Heist' });
    await engine.designScene(room, alice, {}); // 120 of 200
    await engine.designScene(room, alice, {}); // 240: spent
    const calls = narrator.calls.length;
    await expectUserError(engine.designScene(room, alice, {}), 'narrator tokens for today');
    expect(narrator.calls).toHaveLength(calls);
  });
});
