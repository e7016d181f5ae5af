import { describe, expect, it } from 'vitest';
import { alice, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { runAs, textOf } from './run-as.ts';

describe('/room lock and /room unlock', () => {
  it('are refused to writers and the audience', async () => {
    const { engine } = await startedFixture();
    await expectUserError(runAs(engine, alice, 'room lock'), 'Only moderators can lock the room.');
    await expectUserError(runAs(engine, carol, 'room lock'), 'Only moderators can lock the room.');
    expect((await engine.room(room)).locked).toBeUndefined();
    await runAs(engine, mod, 'room lock');
    await expectUserError(runAs(engine, alice, 'room unlock'), 'Only moderators can unlock the room.');
    await expectUserError(runAs(engine, carol, 'room unlock'), 'Only moderators can unlock the room.');
    expect((await engine.room(room)).locked).toBeDefined();
  });

  it('lock and unlock for a moderator, saying so', async () => {
    const { engine } = await startedFixture();
    expect(textOf(await runAs(engine, mod, 'room lock'))).toBe(
      'Mo locked the room. A moderator can unlock it with /room unlock.',
    );
    await expectUserError(runAs(engine, alice, 'action', { text: 'Hi.' }), /locked by Mo/);
    await runAs(engine, mod, 'room unlock');
    await expect(runAs(engine, alice, 'action', { text: 'Hi.' })).resolves.toBeDefined();
  });
});

describe('/room settings switches', () => {
  it('accept on/off, yes/no and true/false in any case', async () => {
    const { engine } = await startedFixture();
    for (const [typed, value] of [
      ['ON', true],
      ['Off', false],
      ['YES', true],
      ['no', false],
      ['True', true],
      [' FALSE ', false],
    ] as const) {
      await runAs(engine, mod, 'room settings', { auto_vote: typed });
      expect((await engine.room(room)).settings.autoVote, typed).toBe(value);
    }
  });

  it('refuse anything else, naming what was typed and what works', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      runAs(engine, mod, 'room settings', { auto_vote: 'maybe' }),
      'auto_vote: "maybe" is neither on nor off. Use on or off (yes/no and true/false work too).',
    );
  });
});
