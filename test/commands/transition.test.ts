import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { runCommand } from '../../src/commands/run-command.ts';
import transition from '../../src/commands/transition.ts';
import { canonicalPath } from '../../src/story/tree.ts';
import { alice, carol, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { runAs } from './run-as.ts';

describe('/transition', () => {
  it('adds a transition beat, CUT TO: unless told otherwise', async () => {
    const { engine } = await startedFixture();
    const ctx = { engine, room, actor: alice, commands };
    await runCommand(transition, ctx, {});
    const reply = await runCommand(transition, ctx, { text: 'SMASH CUT TO:' });
    expect(reply.visibility).toBe('public');
    const path = canonicalPath(await engine.room(room));
    expect(path.slice(-2).map((beat) => [beat.kind, beat.text])).toEqual([
      ['transition', 'CUT TO:'],
      ['transition', 'SMASH CUT TO:'],
    ]);
  });

  it('follows the same rules as any beat, and caps its length', async () => {
    const { engine } = await startedFixture();
    await engine.updateSettings(
      room,
      { id: 'u-mod', name: 'Mo', role: 'moderator' },
      { whoMayContinue: 'writers' },
    );
    await expectUserError(
      runCommand(transition, { engine, room, actor: carol, commands }, {}),
      /only writers and moderators add to the story/,
    );
    await expect(runAs(engine, alice, 'transition', { text: 'X'.repeat(61) })).rejects.toThrow(
      'text: The text may be at most 60 characters.',
    );
  });
});
