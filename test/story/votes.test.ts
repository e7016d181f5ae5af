import { describe, expect, it } from 'vitest';
import { alice, bob, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

describe('vote', () => {
  it('counts one ballot per person, and voting again changes it', async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['Run', 'Hide', 'Fight'] });
    await engine.castVote(room, alice, { option: 1 });
    await engine.castVote(room, bob, { option: 2 });
    const again = await engine.castVote(room, alice, { option: 2 });
    expect(again.previous).toBe(0);
    const vote = await engine.voteStatus(room);
    expect(vote.ballots).toEqual({ 'u-alice': 1, 'u-bob': 1 });
  });

  it('closes by itself at the deadline and the winner steers the next beat', async () => {
    const { engine, clock, narrator } = await startedFixture();
    const changes: string[] = [];
    engine.subscribe(({ events }) => changes.push(...events.map((e) => e.type)));
    const vote = await engine.openVote(room, alice, { options: ['Run', 'Hide'], durationMs: 30_000 });
    await engine.castVote(room, bob, { option: 2 });
    await clock.advance(29_000);
    expect((await engine.voteStatus(room)).status).toBe('open');
    await clock.advance(1_000);
    const closed = await engine.voteStatus(room);
    expect(closed).toMatchObject({
      id: vote.id,
      status: 'closed',
      result: { winner: 1, reason: 'deadline' },
    });
    expect(changes).toContain('vote.closed');
    const next = await engine.continueStory(room, alice, {});
    expect(narrator.calls.at(-1)?.request.direction).toBe('Hide');
    expect(next.beat.direction).toBe('Hide');
    expect((await engine.room(room)).pendingDirection).toBeUndefined();
  });

  it('gives ties to the option listed first', async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['Run', 'Hide', 'Fight'] });
    await engine.castVote(room, alice, { option: 3 });
    await engine.castVote(room, bob, { option: 2 });
    const vote = await engine.closeVote(room, mod, {});
    expect(vote.result).toMatchObject({ winner: 1, tally: [0, 1, 1] });
  });

  it('lets a moderator pick the winner before the deadline', async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['Run', 'Hide'] });
    await engine.castVote(room, alice, { option: 1 });
    const vote = await engine.closeVote(room, mod, { pick: 2 });
    expect(vote.result).toMatchObject({ winner: 1, reason: 'moderator' });
    expect((await engine.room(room)).pendingDirection?.text).toBe('Hide');
  });

  it('closes without a winner when the quorum is not met, and says so', async () => {
    const { engine, clock } = await startedFixture();
    await engine.openVote(room, alice, { options: ['Run', 'Hide'], quorum: 3 });
    await engine.castVote(room, alice, { option: 1 });
    await clock.advance(60_000);
    const vote = await engine.voteStatus(room);
    expect(vote.result).toMatchObject({ winner: null, reason: 'quorum' });
    expect((await engine.room(room)).pendingDirection).toBeUndefined();
  });

  it('asks the narrator for options when none are given', async () => {
    const { engine, narrator } = await startedFixture();
    const vote = await engine.openVote(room, alice, {});
    expect(vote.options).toEqual(['Left', 'Right', 'Stay']);
    expect(narrator.calls.at(-1)?.method).toBe('proposeOptions');
  });

  it('validates options, duration and the chosen option', async () => {
    const { engine } = await startedFixture();
    await expectUserError(engine.openVote(room, alice, { options: ['Only one'] }), /2 to 5 options/);
    await expectUserError(engine.openVote(room, alice, { options: ['A', 'a'] }), /listed twice/);
    await expectUserError(
      engine.openVote(room, alice, { options: ['A', 'x'.repeat(101)] }),
      /100 characters/,
    );
    await expectUserError(
      engine.openVote(room, alice, { options: ['A', 'B'], durationMs: 5_000 }),
      /10 seconds and 24 hours/,
    );
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    await expectUserError(engine.openVote(room, alice, { options: ['C', 'D'] }), /already open/);
    await expectUserError(engine.castVote(room, alice, { option: 3 }), /from 1 to 2/);
  });

  it("says a vote does not exist for ids that are not the room's votes", async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    for (const voteId of ['__proto__', 'toString', 'v999']) {
      await expectUserError(engine.castVote(room, bob, { option: 1, voteId }), /no longer exists/);
    }
  });

  it('refuses ballots after the close, politely', async () => {
    const { engine, clock } = await startedFixture();
    const vote = await engine.openVote(room, alice, { options: ['A', 'B'], durationMs: 10_000 });
    await clock.advance(10_000);
    await expectUserError(engine.castVote(room, bob, { option: 1, voteId: vote.id }), /already closed/);
  });

  it('extends and cancels only for moderators', async () => {
    const { engine, clock } = await startedFixture();
    const vote = await engine.openVote(room, alice, { options: ['A', 'B'], durationMs: 30_000 });
    await expectUserError(engine.extendVote(room, alice, {}), /Only moderators can extend/);
    await expectUserError(engine.closeVote(room, carol, {}), /Only moderators can close/);
    const extended = await engine.extendVote(room, mod, { byMs: 60_000 });
    expect(Date.parse(extended.deadline) - Date.parse(vote.deadline)).toBe(60_000);
    await clock.advance(30_000);
    expect((await engine.voteStatus(room)).status).toBe('open');
    await engine.cancelVote(room, mod);
    expect((await engine.voteStatus(room)).status).toBe('cancelled');
    await clock.advance(120_000);
    expect((await engine.voteStatus(room)).status).toBe('cancelled');
  });

  it('opens a vote after each narrator beat when auto-vote is on', async () => {
    const { engine } = await startedFixture();
    await engine.updateSettings(room, mod, { autoVote: true });
    const before = { ...(await engine.room(room)).usage };
    const outcome = await engine.continueStory(room, alice, {});
    expect(outcome.vote?.options).toEqual(['Left', 'Right', 'Stay']);
    // The beat's tokens and the proposal's are both counted in the room.
    expect((await engine.room(room)).usage).toEqual({
      promptTokens: before.promptTokens + 200,
      completionTokens: before.completionTokens + 40,
    });
  });
});

describe('vote across a restart', () => {
  it('never leaves a vote without its deadline when the process dies while opening it', async () => {
    const fixture = await startedFixture();
    // The write that lets a restart find the vote fails, as if the process died right there.
    const setOpenVote = fixture.store.setOpenVote;
    fixture.store.setOpenVote = async () => {
      throw new Error('killed');
    };
    await expect(fixture.engine.openVote(room, alice, { options: ['Run', 'Hide'] })).rejects.toThrow();
    fixture.store.setOpenVote = setOpenVote;
    const engine = fixture.restart();
    await engine.start();
    await fixture.clock.advance(120_000);
    // Either the vote was never opened, or it closed at its deadline: it is never stuck open.
    const state = await engine.room(room);
    expect(state.openVoteId).toBeUndefined();
    expect(Object.values(state.votes).filter((vote) => vote.status === 'open')).toEqual([]);
    await expect(engine.openVote(room, alice, { options: ['Run', 'Hide'] })).resolves.toMatchObject({
      status: 'open',
    });
  });

  it('re-arms an open vote and closes it at the deadline with every recorded ballot', async () => {
    const fixture = await startedFixture();
    await fixture.engine.openVote(room, alice, { options: ['Run', 'Hide'], durationMs: 60_000 });
    await fixture.engine.castVote(room, alice, { option: 2 });
    await fixture.engine.castVote(room, bob, { option: 2 });
    await fixture.engine.castVote(room, carol, { option: 1 });
    const engine = fixture.restart();
    await engine.start();
    await fixture.clock.advance(60_000);
    const vote = await engine.voteStatus(room);
    expect(vote.result).toMatchObject({ winner: 1, tally: [1, 2], reason: 'deadline' });
  });

  it('re-arms only the rooms this process owns', async () => {
    const fixture = await startedFixture();
    await fixture.engine.openVote(room, alice, { options: ['Run', 'Hide'], durationMs: 30_000 });
    fixture.engine.stop();
    await fixture.clock.advance(60_000);
    const engine = fixture.restart();
    await engine.start({ owns: (ref) => ref.channelId !== room.channelId });
    expect(await fixture.store.openVotes()).toHaveProperty(['console:local:test']);
    await engine.start({ owns: (ref) => ref.channelId === room.channelId });
    expect(await fixture.store.openVotes()).toEqual({});
  });

  it('closes a vote that became overdue while the bot was down', async () => {
    const fixture = await startedFixture();
    await fixture.engine.openVote(room, alice, { options: ['Run', 'Hide'], durationMs: 30_000 });
    await fixture.engine.castVote(room, bob, { option: 1 });
    fixture.engine.stop();
    await fixture.clock.advance(120_000);
    const engine = fixture.restart();
    await engine.start();
    const vote = await engine.voteStatus(room);
    expect(vote).toMatchObject({ status: 'closed', result: { winner: 0, tally: [1, 0] } });
    expect(await fixture.store.openVotes()).toEqual({});
  });
});
