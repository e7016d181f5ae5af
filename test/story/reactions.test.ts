// The audience's reactions through the engine: recorded as events, bounded, surviving a restart.
import { describe, expect, it } from 'vitest';
import { REACTION_CHANGES_MAX, REACTION_EMOJI_MAX } from '../../src/story/reactions-state.ts';
import { receptionOf } from '../../src/story/reception.ts';
import { roomStateSchema } from '../../src/story/room-state-schema.ts';
import { alice, bob, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

async function threeBeats() {
  const fixture = await startedFixture();
  const { engine } = fixture;
  await engine.say(room, alice, { character: 'Vera', text: 'We go tonight.' });
  await engine.action(room, bob, { text: 'Sam starts the car.' });
  await engine.say(room, bob, { character: 'Sam', text: 'I never liked this plan.' });
  return fixture;
}

describe('reactions', () => {
  it('records who reacted with which emoji to which beat, and the removal too, as events', async () => {
    const { engine } = await threeBeats();
    const added = await engine.react(room, carol, { beat: '2', emoji: '👍' });
    expect(added).toMatchObject({ changed: true, count: 1, number: 2, emoji: '👍', sentiment: 'positive' });
    await engine.react(room, alice, { beat: '2', emoji: '+1' });
    let state = await engine.room(room);
    const beatId = added.beat.id;
    expect(state.reactions?.[beatId]).toEqual({ '👍': [carol.id, alice.id] });

    const removed = await engine.react(room, carol, { beat: beatId, emoji: ':thumbsup:', removed: true });
    expect(removed).toMatchObject({ changed: true, count: 1, removed: true });
    state = await engine.room(room);
    expect(state.reactions?.[beatId]).toEqual({ '👍': [alice.id] });

    const { events } = await engine.history(room);
    const reactions = events.filter((e) => e.type.startsWith('reaction.'));
    expect(
      reactions.map((e) => [e.type, e.actor.kind === 'user' ? e.actor.name : '', 'emoji' in e && e.emoji]),
    ).toEqual([
      ['reaction.added', 'Carol', '👍'],
      ['reaction.added', 'Alice', '👍'],
      ['reaction.removed', 'Carol', '👍'],
    ]);
  });

  it('ignores a repeated reaction and the removal of one never made: nothing is appended', async () => {
    const { engine } = await threeBeats();
    await engine.react(room, carol, { beat: 'last', emoji: '🔥' });
    const seq = (await engine.room(room)).seq;
    for (let i = 0; i < 50; i++) {
      const again = await engine.react(room, carol, { beat: 'last', emoji: '🔥' });
      expect(again.changed).toBe(false);
    }
    // Skin tones and variation selectors are the same emoji.
    expect((await engine.react(room, carol, { beat: 'last', emoji: '🔥\ufe0f' })).changed).toBe(false);
    expect((await engine.react(room, bob, { beat: 'last', emoji: '😴', removed: true })).changed).toBe(false);
    expect((await engine.room(room)).seq).toBe(seq);
  });

  it(`keeps at most ${REACTION_CHANGES_MAX} changes per person on a beat: clicking on and off cannot grow the log`, async () => {
    const { engine } = await threeBeats();
    const before = (await engine.room(room)).seq;
    for (let i = 0; i < 500; i++)
      await engine.react(room, carol, { beat: 'last', emoji: '🔥', removed: i % 2 === 1 });
    let state = await engine.room(room);
    expect(state.seq - before).toBe(REACTION_CHANGES_MAX);
    // Their last stored change was a removal (an even number of them): 🔥 is not on the beat.
    const beatId = (await engine.react(room, carol, { beat: 'last', emoji: '🔥' })).beat.id;
    expect(state.reactions?.[beatId]?.['🔥']).toBeUndefined();
    // Others, and the same person on another beat, still react.
    expect((await engine.react(room, bob, { beat: 'last', emoji: '🔥' })).changed).toBe(true);
    expect((await engine.react(room, carol, { beat: '1', emoji: '🔥' })).changed).toBe(true);
    state = await engine.room(room);
    expect(roomStateSchema.parse(state).reactionChanges?.[beatId]).toEqual({
      [carol.id]: REACTION_CHANGES_MAX,
      [bob.id]: 1,
    });
  });

  it(`holds at most ${REACTION_EMOJI_MAX} distinct emoji on a beat`, async () => {
    const { engine } = await threeBeats();
    for (let i = 0; i < REACTION_EMOJI_MAX; i++)
      await engine.react(room, carol, { beat: '1', emoji: `e${i}` });
    await expectUserError(engine.react(room, bob, { beat: '1', emoji: 'one_more' }), 'already has 20');
    // An emoji already there still takes more people.
    expect((await engine.react(room, bob, { beat: '1', emoji: 'e3' })).count).toBe(2);
  });

  it('refuses what is not an emoji and beats that do not exist', async () => {
    const { engine } = await threeBeats();
    await expectUserError(engine.react(room, carol, { beat: '1', emoji: 'two words' }), 'not an emoji');
    await expectUserError(engine.react(room, carol, { beat: '1', emoji: '__proto__' }), 'not an emoji');
    await expectUserError(engine.react(room, carol, { beat: '1', emoji: '👍👎' }), 'not an emoji');
    await expectUserError(engine.react(room, carol, { beat: '99', emoji: '👍' }), 'There is no beat "99"');
    await expectUserError(engine.react(room, carol, { beat: 'b999', emoji: '👍' }), '1 to 4');
  });

  it('refuses reactions in a locked room', async () => {
    const { engine } = await threeBeats();
    await engine.lock(room, mod);
    await expectUserError(engine.react(room, carol, { beat: '1', emoji: '👍' }), 'locked');
  });

  it('keeps reactions across a restart, and in snapshots', async () => {
    const fixture = await threeBeats();
    await fixture.engine.react(room, carol, { beat: 'last', emoji: '❤️' });
    await fixture.engine.react(room, bob, { beat: 'last', emoji: 'heart' });
    const restarted = fixture.restart();
    const state = await restarted.room(room);
    const head = state.headId as string;
    expect(state.reactions?.[head]).toEqual({ '❤': [carol.id, bob.id] });
    // A snapshot is checked with this schema on load: what it drops would be lost.
    expect(roomStateSchema.parse(JSON.parse(JSON.stringify(state))).reactions).toEqual(state.reactions);
  });

  it('says which beats and characters the audience liked most and least', async () => {
    const { engine } = await threeBeats();
    await engine.react(room, carol, { beat: '4', emoji: '👎' });
    await engine.react(room, alice, { beat: '4', emoji: '😴' });
    await engine.react(room, carol, { beat: '2', emoji: '❤️' });
    await engine.react(room, bob, { beat: '2', emoji: '🔥' });
    await engine.react(room, mod, { beat: '2', emoji: '👀' });
    const reception = receptionOf(await engine.room(room));
    expect(reception).toMatchObject({
      reactions: 5,
      positive: 2,
      negative: 2,
      liked: { number: 2, score: 2 },
      disliked: { number: 4, score: -2 },
      favourite: { name: 'Vera', score: 2 },
      leastFavourite: { name: 'Sam', score: -2 },
    });
  });
});
