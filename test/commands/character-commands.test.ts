import { describe, expect, it } from 'vitest';
import { alice, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { runAs, shown, textOf } from './run-as.ts';

describe('/character show', () => {
  it('names a character that does not exist, and lists the ones that do', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      runAs(engine, alice, 'character show', { name: 'Nobody' }),
      'There is no character named "Nobody". Characters in this story: Vera and Sam. Add one with /character add.',
    );
  });

  it('shows a character found in any case', async () => {
    const { engine } = await startedFixture();
    const reply = await runAs(engine, alice, 'character show', { name: 'vera' });
    expect(shown(reply).blocks[0]).toMatchObject({
      type: 'fields',
      title: 'Vera',
      fields: expect.arrayContaining([{ name: 'Description', value: 'A safecracker' }]),
    });
  });
});

describe('/character list', () => {
  it('says there are no characters yet, and how to add one', async () => {
    const { engine } = createFixture();
    await engine.startStory(room, mod, { title: 'Empty' });
    const reply = await runAs(engine, alice, 'character list');
    expect(reply.visibility).toBe('private');
    expect(textOf(reply)).toBe('No characters yet. Add one with /character add.');
  });

  it('lists the cast with descriptions', async () => {
    const { engine } = await startedFixture();
    const reply = await runAs(engine, alice, 'character list');
    expect(reply.blocks[0]).toMatchObject({
      fields: [
        { name: 'Vera', value: 'A safecracker' },
        { name: 'Sam', value: 'The getaway driver' },
      ],
    });
  });
});
