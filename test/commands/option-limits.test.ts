import { describe, expect, it } from 'vitest';
import { alice, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { runAs } from './run-as.ts';

describe('option length caps', () => {
  it('take a character name of 40 characters and refuse 41, naming the limit', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      runAs(engine, alice, 'character add', { name: 'M'.repeat(41) }),
      'name: The name may be at most 40 characters.',
    );
    await runAs(engine, alice, 'character add', { name: 'N'.repeat(40) });
    const names = (await engine.room(room)).characters.map((c) => c.name);
    expect(names).toEqual(['Vera', 'Sam', 'N'.repeat(40)]);
  });

  it('take a /say line of 1,000 characters and refuse 1,001, naming the limit', async () => {
    const { engine } = await startedFixture();
    await expect(runAs(engine, alice, 'say', { character: 'Vera', text: 'a'.repeat(1001) })).rejects.toThrow(
      'text: The text may be at most 1,000 characters.',
    );
    await expect(
      runAs(engine, alice, 'say', { character: 'Vera', text: 'b'.repeat(1000) }),
    ).resolves.toMatchObject({ blocks: [{ type: 'beats', beats: [{ text: 'b'.repeat(1000) }] }] });
  });

  it('take a /scene continue direction of 1,000 characters and refuse 1,001, naming the limit', async () => {
    const { engine, narrator } = await startedFixture();
    await expectUserError(
      runAs(engine, alice, 'scene continue', { direction: 'x'.repeat(1001) }),
      'direction: The direction may be at most 1,000 characters.',
    );
    expect(narrator.calls).toHaveLength(0);
    await runAs(engine, alice, 'scene continue', { direction: 'y'.repeat(1000) });
    expect(narrator.calls.at(-1)?.request.direction).toBe('y'.repeat(1000));
  });
});
