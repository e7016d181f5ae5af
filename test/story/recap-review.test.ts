// /recap and /review through the engine with the recording narrator: what the narrator is asked, what is
// remembered, and what a personal review weighs.
import { describe, expect, it } from 'vitest';
import { RECAP_BEATS_MAX, RECAP_NEWCOMER_BEATS } from '../../src/story/recap-review.ts';
import { alice, bob, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

describe('recap', () => {
  it('covers the last 20 beats for someone new, then only what came after their recap', async () => {
    const { engine, narrator } = await startedFixture();
    for (let i = 1; i <= 30; i++) await engine.action(room, alice, { text: `Step ${i}.` });
    const first = await engine.recap(room, carol);
    expect(first).toMatchObject({ since: 'new', missed: RECAP_NEWCOMER_BEATS });
    const call = narrator.calls.at(-1);
    expect(call?.method).toBe('recap');
    expect(call?.request.reader).toBe('Carol');
    expect(call?.request.beats?.map((b) => b.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Step ${i + 11}.`),
    );

    expect(await engine.recap(room, carol)).toEqual({ since: 'recap', missed: 0 });
    await engine.action(room, bob, { text: 'The lights go out.' });
    const next = await engine.recap(room, carol);
    expect(next).toMatchObject({ since: 'recap', missed: 1 });
    expect(narrator.calls.at(-1)?.request.beats?.map((b) => b.text)).toEqual(['The lights go out.']);
    // Usage is counted; each recap read is in the log.
    const { events } = await engine.history(room);
    expect(events.filter((e) => e.type === 'recap.given')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'usage.recorded' && e.purpose === 'recap')).toHaveLength(2);
  });

  it("starts after the asker's last beat on the story's path", async () => {
    const { engine, narrator } = await startedFixture();
    await engine.action(room, alice, { text: 'Alice was here.' });
    await engine.action(room, bob, { text: 'Bob one.' });
    await engine.action(room, bob, { text: 'Bob two.' });
    expect(await engine.recap(room, alice)).toMatchObject({ since: 'contribution', missed: 2 });
    expect(narrator.calls.at(-1)?.request.beats?.map((b) => b.text)).toEqual(['Bob one.', 'Bob two.']);
  });

  it('hands a long absence to the narrator as the rolling summary plus the newest beats', async () => {
    const { engine, narrator } = await startedFixture();
    await engine.action(room, carol, { text: 'Carol leaves.' });
    for (let i = 1; i <= 60; i++) await engine.action(room, alice, { text: `Step ${i}.` });
    const outcome = await engine.recap(room, carol);
    expect(outcome.missed).toBe(60);
    const request = narrator.calls.at(-1)?.request;
    expect(request?.beats).toHaveLength(RECAP_BEATS_MAX);
    expect(request?.missed).toBe(60);
  });

  it('after an undo, the next recap starts from what is still on the path', async () => {
    const { engine } = await startedFixture();
    await engine.action(room, alice, { text: 'One.' });
    await engine.action(room, alice, { text: 'Two.' });
    await engine.recap(room, carol);
    await engine.undo(room, mod);
    await engine.action(room, bob, { text: 'Two, again.' });
    expect(await engine.recap(room, carol)).toMatchObject({ since: 'recap', missed: 1 });
  });
});

describe('review', () => {
  it('is refused before the story has a beat', async () => {
    const { engine } = await startedFixture();
    const fresh = { ...room, channelId: 'empty' };
    await engine.startStory(fresh, mod, { title: 'Empty' });
    await expectUserError(engine.review(fresh, alice, {}), 'no story to review');
  });

  it('asks the narrator for a review, counting its usage; personal carries what the asker backed and liked', async () => {
    const { engine, narrator, clock } = await startedFixture();
    await engine.action(room, alice, { text: 'The safe is open.' });
    await engine.openVote(room, mod, {
      options: ['Sam betrays them', 'The cops arrive'],
      durationMs: 30_000,
    });
    await engine.castVote(room, carol, { option: 1 });
    await engine.castVote(room, bob, { option: 2 });
    await engine.castVote(room, alice, { option: 1 });
    await clock.advance(30_000);
    const steered = await engine.continueStory(room, mod, {});
    await engine.react(room, carol, { beat: 'last', emoji: '🔥' });

    const general = await engine.review(room, bob, {});
    expect(general.output.forYou).toBeUndefined();
    expect(narrator.calls.at(-1)?.request.personal).toBeUndefined();

    const personal = await engine.review(room, carol, { personal: true });
    expect(personal.output.forYou).toBe('For Carol.');
    expect(narrator.calls.at(-1)?.request.personal).toMatchObject({
      name: 'Carol',
      backed: [{ option: 'Sam betrays them', won: true, steered: { id: steered.beat.id } }],
      reacted: [{ beat: { id: steered.beat.id }, emoji: ['🔥'], sentiment: 'positive' }],
    });
    const { events } = await engine.history(room);
    expect(events.filter((e) => e.type === 'usage.recorded' && e.purpose === 'review')).toHaveLength(2);
  });
});
