// Names, titles, vote options and canon are stored normalized; a character cannot be added twice under a
// disguise (case, invisible characters, direction overrides, letters from another alphabet).
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/message.ts';
import { createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError, refusalOf } from '../helpers/user-error.ts';

describe('character names that display like an existing one', () => {
  it.each([
    ['a zero-width space', 'Ve\u200bra'],
    ['a zero-width joiner', 'V\u200dera'],
    ['a soft hyphen', 'Ve\u00adra'],
    ['bidi isolates around it', '\u2066Vera\u2069'],
    ['another case and full-width letters', 'ＶＥＲＡ'],
    ['extra spaces', '  Vera  '],
  ])('refuses Vera again with %s, naming the existing character', async (_, name) => {
    const { engine } = await startedFixture();
    await expect(refusalOf(engine.addCharacter(room, mod, { name }))).resolves.toMatchObject({
      code: 'character.exists',
      message: 'There is already a character named Vera.',
    });
    expect((await engine.room(room)).characters.map((c) => c.name)).toEqual(['Vera', 'Sam']);
  });

  it('refuses a name mixing in a Cyrillic letter (mixed-script), naming the character it looks like', async () => {
    const { engine } = await startedFixture();
    await expect(engine.addCharacter(room, mod, { name: 'V\u0435ra' })).rejects.toMatchObject({
      code: 'character.look-alike',
      text: msg('story.character.look-alike-mixed-script', { name: 'V\u0435ra', existing: 'Vera' }),
    });
    await expect(refusalOf(engine.addCharacter(room, mod, { name: 'S\u0430m' }))).resolves.toMatchObject({
      code: 'character.look-alike',
      message:
        '"S\u0430m" looks like Sam, who is already in this story: it mixes in look-alike letters from another alphabet. Pick a name that reads differently.',
    });
  });

  it('refuses a name written wholly in another script that looks like an existing one (whole-script)', async () => {
    const { engine } = await startedFixture();
    await engine.addCharacter(room, mod, { name: 'Pax' });
    // Cyrillic Er, a and ha: every letter Cyrillic, the whole reads "Pax".
    await expect(engine.addCharacter(room, mod, { name: '\u0420\u0430\u0445' })).rejects.toMatchObject({
      code: 'character.look-alike',
      text: msg('story.character.look-alike-other-script', { name: '\u0420\u0430\u0445', existing: 'Pax' }),
    });
    expect((await engine.room(room)).characters.map((c) => c.name)).toEqual(['Vera', 'Sam', 'Pax']);
  });

  it('allows different names in the same script even when their letters look alike (Dorn and Dom, Al and AI)', async () => {
    const { engine } = await startedFixture();
    for (const name of ['Dom', 'Dorn', 'Al', 'AI', 'Ivan', 'lvan'])
      await engine.addCharacter(room, mod, { name });
    expect((await engine.room(room)).characters.map((c) => c.name)).toEqual([
      'Vera',
      'Sam',
      'Dom',
      'Dorn',
      'Al',
      'AI',
      'Ivan',
      'lvan',
    ]);
  });

  it('says which name looks alike when the existing name is the one that mixes scripts', async () => {
    const { engine } = await startedFixture();
    await engine.addCharacter(room, mod, { name: 'K\u0430t' });
    await expect(engine.addCharacter(room, mod, { name: 'Kat' })).rejects.toMatchObject({
      code: 'character.look-alike',
      text: msg('story.character.look-alike', { name: 'Kat', existing: 'K\u0430t' }),
    });
  });

  it('refuses renaming a character into a look-alike of another, but allows changing its own case', async () => {
    const { engine } = await startedFixture();
    await expect(
      engine.editCharacter(room, mod, { name: 'Sam', newName: 'V\u0435ra' }),
    ).rejects.toMatchObject({
      code: 'character.look-alike',
    });
    await expect(
      engine.editCharacter(room, mod, { name: 'Sam', newName: 'Ve\u200bra' }),
    ).rejects.toMatchObject({
      code: 'character.exists',
    });
    await engine.editCharacter(room, mod, { name: 'Vera', newName: 'VERA' });
    expect((await engine.room(room)).characters.map((c) => c.name)).toEqual(['VERA', 'Sam']);
  });

  it('stores a right-to-left override name as it is seen, without the override', async () => {
    const { engine } = await startedFixture();
    const added = await engine.addCharacter(room, mod, { name: '\u202eareV' });
    expect(added.name).toBe('areV');
  });

  it('refuses an all-invisible name with a clear message instead of storing an empty one', async () => {
    const { engine } = await startedFixture();
    await expect(
      refusalOf(engine.addCharacter(room, mod, { name: '\u200b\u202e\u2066' })),
    ).resolves.toMatchObject({
      code: 'text.invisible',
      message: expect.stringMatching(/only invisible or direction-control characters/),
    });
  });

  it('finds the character whatever invisible characters a line names it with', async () => {
    const { engine } = await startedFixture();
    const { beat } = await engine.say(room, mod, { character: 'v\u200bera', text: 'Hi.' });
    expect(beat.character).toBe('Vera');
  });

  it('keeps Chinese names, emoji names and different names written in the same script apart', async () => {
    const { engine } = await startedFixture();
    for (const name of ['张伟', '张三', '欧阳娜娜', '👩‍💻 Dev', 'Vero', 'Мария']) {
      await engine.addCharacter(room, mod, { name });
    }
    expect((await engine.room(room)).characters.map((c) => c.name)).toEqual([
      'Vera',
      'Sam',
      '张伟',
      '张三',
      '欧阳娜娜',
      '👩‍💻 Dev',
      'Vero',
      'Мария',
    ]);
    await expect(engine.addCharacter(room, mod, { name: '张\u200b伟' })).rejects.toMatchObject({
      code: 'character.exists',
    });
  });
});

describe('titles, vote options and canon', () => {
  it('are stored normalized: NFC, no invisible or direction characters, single spaces', async () => {
    const { engine } = await startedFixture();
    const vote = await engine.openVote(room, mod, {
      options: ['Run\u200b  away', 'Hi\u202ede', 'Cafe\u0301'],
    });
    expect(vote.options).toEqual(['Run away', 'Hide', 'Caf\u00e9']);
    const canon = await engine.addCanon(room, mod, { text: 'Vera\u2028 has  a\u200b glass eye.' });
    expect(canon.text).toBe('Vera has a glass eye.');
    await expect(engine.addCanon(room, mod, { text: 'vera has a glass eye.' })).rejects.toMatchObject({
      code: 'canon.exists',
    });
  });

  it('refuses a vote whose options differ only by invisible characters, or one that is all invisible', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      engine.openVote(room, mod, { options: ['Run', 'R\u200bun'] }),
      'The option "Run" is listed twice.',
    );
    await expectUserError(
      engine.openVote(room, mod, { options: ['Run', '\u200b\u200d'] }),
      'Option 2 has only invisible or direction-control characters.',
    );
  });

  it('stores the title without the characters that would hide or reverse it', async () => {
    const { engine } = createFixture();
    const state = await engine.startStory(room, mod, { title: '\u202eThe\u200b  Heist\u2069' });
    expect(state.story?.title).toBe('The Heist');
  });
});
