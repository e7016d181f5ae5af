import { describe, expect, it } from 'vitest';
import { alice, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { runAs, textOf } from './run-as.ts';

describe('/vote status', () => {
  it('says no vote has been held yet, and how to start one', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      runAs(engine, alice, 'vote status'),
      'No vote has been held here yet. Start one with /vote open.',
    );
  });
});

describe('/vote cancel', () => {
  it('is refused to writers and the audience; a moderator cancels', async () => {
    const { engine } = await startedFixture();
    await runAs(engine, alice, 'vote open', { option1: 'Run', option2: 'Hide' });
    await expectUserError(runAs(engine, alice, 'vote cancel'), 'Only moderators can cancel votes.');
    await expectUserError(runAs(engine, carol, 'vote cancel'), 'Only moderators can cancel votes.');
    expect((await engine.voteStatus(room)).status).toBe('open');
    expect(textOf(await runAs(engine, mod, 'vote cancel'))).toBe('Mo cancelled the vote.');
    expect((await engine.voteStatus(room)).status).toBe('cancelled');
  });
});

describe('/vote close', () => {
  it('says a moderator closed it early and the ballots decided, when no winner was picked', async () => {
    const { engine } = await startedFixture();
    await runAs(engine, alice, 'vote open', { option1: 'Run', option2: 'Hide' });
    await engine.castVote(room, alice, { option: 2 });
    const reply = textOf(await runAs(engine, mod, 'vote close')).trim();
    expect(reply).toBe(
      'B. Hide wins (a moderator closed the vote early; the ballots decided). The next beat will follow it.',
    );
    expect((await engine.voteStatus(room)).result).toMatchObject({ winner: 1, reason: 'closed-early' });
  });

  it('says "decided by a moderator" only when the moderator picked the winner', async () => {
    const { engine } = await startedFixture();
    await runAs(engine, alice, 'vote open', { option1: 'Run', option2: 'Hide' });
    await engine.castVote(room, alice, { option: 2 });
    const reply = textOf(await runAs(engine, mod, 'vote close', { pick: 1 })).trim();
    expect(reply).toBe('A. Run wins (decided by a moderator). The next beat will follow it.');
    expect((await engine.voteStatus(room)).result).toMatchObject({ winner: 0, reason: 'moderator' });
  });

  it('says a moderator closed it early when no one had voted', async () => {
    const { engine } = await startedFixture();
    await runAs(engine, alice, 'vote open', { option1: 'Run', option2: 'Hide' });
    expect(textOf(await runAs(engine, mod, 'vote close')).trim()).toBe(
      'A moderator closed the vote early with no votes cast, so there is no winner.',
    );
  });
});

describe('/vote open', () => {
  it('refuses a single option, saying a vote has 2 to 5', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      runAs(engine, alice, 'vote open', { option1: 'Only one' }),
      'A vote needs 2 to 5 options; you gave 1.',
    );
  });
});
