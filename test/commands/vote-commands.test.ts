import { describe, expect, it } from 'vitest';
import { alice, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { runAs, textOf } from './run-as.ts';

describe('/vote status', () => {
  it('says no vote has been held yet, and how to start one', async () => {
    const { engine } = await startedFixture();
    await expect(runAs(engine, alice, 'vote status')).rejects.toThrow(
      'No vote has been held here yet. Start one with /vote open.',
    );
  });
});

describe('/vote cancel', () => {
  it('is refused to writers and the audience; a moderator cancels', async () => {
    const { engine } = await startedFixture();
    await runAs(engine, alice, 'vote open', { option1: 'Run', option2: 'Hide' });
    await expect(runAs(engine, alice, 'vote cancel')).rejects.toThrow('Only moderators can cancel votes.');
    await expect(runAs(engine, carol, 'vote cancel')).rejects.toThrow('Only moderators can cancel votes.');
    expect((await engine.voteStatus(room)).status).toBe('open');
    expect(textOf(await runAs(engine, mod, 'vote cancel'))).toBe('Mo cancelled the vote.');
    expect((await engine.voteStatus(room)).status).toBe('cancelled');
  });
});

describe('/vote open', () => {
  it('refuses a single option, saying a vote has 2 to 5', async () => {
    const { engine } = await startedFixture();
    await expect(runAs(engine, alice, 'vote open', { option1: 'Only one' })).rejects.toThrow(
      'A vote needs 2 to 5 options; you gave 1.',
    );
  });
});
