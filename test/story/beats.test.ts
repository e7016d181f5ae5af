import { describe, expect, it } from 'vitest';
import { canonicalPath, childrenOf } from '../../src/story/tree.ts';
import { alice, bob, carol, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

describe('starting a story', () => {
  it('records title, genre, language and the opening scene', async () => {
    const { engine } = createFixture();
    const state = await engine.startStory(room, alice, {
      title: 'The Heist',
      genre: 'noir',
      language: 'zh-cn',
      heading: 'int. diner - night',
    });
    expect(state.story).toMatchObject({ title: 'The Heist', genre: 'noir', language: 'zh-CN' });
    expect(canonicalPath(state).map((b) => b.text)).toEqual(['INT. DINER - NIGHT']);
  });

  it('refuses a second story in the same channel', async () => {
    const { engine } = await startedFixture();
    await expectUserError(engine.startStory(room, alice, { title: 'Again' }), /already has a story/);
  });

  it('refuses an invalid language tag and a heading without INT./EXT.', async () => {
    const { engine } = createFixture();
    await expectUserError(engine.startStory(room, alice, { title: 'X', language: 'not a tag!' }), /BCP 47/);
    await expectUserError(
      engine.startStory(room, alice, { title: 'X', heading: 'the diner' }),
      /INT\., EXT\./,
    );
  });

  it('tells people to start a story before anything else', async () => {
    const { engine } = createFixture();
    await expectUserError(engine.continueStory(room, alice, {}), /\/scene start/);
  });
});

describe('writing beats', () => {
  it('adds narrator beats on the canonical path, streaming the text, with usage recorded', async () => {
    const { engine } = await startedFixture();
    const streamed: string[] = [];
    const outcome = await engine.continueStory(
      room,
      alice,
      { direction: 'the lights go out' },
      {
        onText: (delta) => streamed.push(delta),
      },
    );
    expect(outcome.beat).toMatchObject({ kind: 'action', author: { kind: 'narrator', model: 'recording' } });
    expect(streamed.join('')).toBe(outcome.beat.text);
    expect(outcome.beat.direction).toBe('the lights go out');
    expect(outcome.room.usage).toEqual({ promptTokens: 100, completionTokens: 20 });
    expect(canonicalPath(outcome.room).at(-1)?.id).toBe(outcome.beat.id);
  });

  it('lets people write lines and actions, naming unknown characters in the error', async () => {
    const { engine } = await startedFixture();
    const said = await engine.say(room, bob, {
      character: 'vera',
      text: 'Keep the engine running.',
      parenthetical: 'low',
    });
    expect(said.beat).toMatchObject({ kind: 'dialogue', character: 'Vera', parenthetical: 'low' });
    await engine.action(room, bob, { text: 'Sam drums on the wheel.' });
    await expectUserError(
      engine.say(room, bob, { character: 'Nobody', text: 'Hi' }),
      /no character named "Nobody".*Vera and Sam/,
    );
  });

  it("normalizes the narrator's speaker, parenthetical and text as it does people's", async () => {
    const { engine, narrator } = await startedFixture();
    narrator.beats.push({
      kind: 'dialogue',
      character: '\u202eVe\u200bra\u202c',
      parenthetical: ' (\u200bquietly)\u2028 ',
      text: 'We go\u200b tonight.\u2028Whatever it costs.\r\n\u202eOK',
    });
    const outcome = await engine.continueStory(room, alice, {});
    expect(outcome.beat).toMatchObject({
      kind: 'dialogue',
      character: 'Vera',
      parenthetical: '(quietly)',
      text: 'We go tonight.\nWhatever it costs.\nOK',
    });
  });

  it('writes a character line with the narrator for an existing character only', async () => {
    const { engine, narrator } = await startedFixture();
    const outcome = await engine.writeLine(room, alice, { character: 'sam' });
    expect(outcome.beat).toMatchObject({ kind: 'dialogue', character: 'Sam', text: 'Sam speaks.' });
    expect(narrator.calls.at(-1)?.request.character).toBe('Sam');
    await expectUserError(engine.writeLine(room, alice, { character: 'Ghost' }), /no character named/);
  });

  it('caps direction and line length with a clear message', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      engine.continueStory(room, alice, { direction: 'x'.repeat(1001) }),
      /at most 1,000 characters/,
    );
    await expectUserError(engine.say(room, alice, { character: 'Vera', text: '   ' }), /can't be empty/);
  });

  it('opens new scenes from a heading or from the narrator', async () => {
    const { engine } = await startedFixture();
    const given = await engine.newScene(room, alice, { heading: 'EXT. ROOFTOP - DAWN' });
    expect(given.scene?.heading).toBe('EXT. ROOFTOP - DAWN');
    const proposed = await engine.newScene(room, alice, {});
    expect(proposed.beat).toMatchObject({ kind: 'scene', text: 'EXT. HARBOR - NIGHT' });
  });
});

describe('undo and rewrite on the beat tree', () => {
  it('undo moves the head back and keeps the retracted beat in the tree', async () => {
    const { engine } = await startedFixture();
    const first = await engine.action(room, alice, { text: 'One.' });
    const second = await engine.action(room, alice, { text: 'Two.' });
    const { head, room: state } = await engine.undo(room, mod);
    expect(head?.id).toBe(first.beat.id);
    expect(state.headId).toBe(first.beat.id);
    expect(state.beats[second.beat.id]).toBeDefined();
    expect(canonicalPath(state).map((b) => b.text)).toEqual(['INT. DINER - NIGHT', 'One.']);
  });

  it('rewrite adds a sibling and moves the head to it', async () => {
    const { engine } = await startedFixture();
    const original = await engine.continueStory(room, alice, {});
    const rewritten = await engine.rewrite(room, mod, { direction: 'darker' });
    expect(rewritten.beat.parentId).toBe(original.beat.parentId);
    expect(rewritten.room.headId).toBe(rewritten.beat.id);
    const siblings = childrenOf(rewritten.room, original.beat.parentId).map((b) => b.id);
    expect(siblings).toEqual([original.beat.id, rewritten.beat.id]);
  });

  it("keeps the replaced beat's direction, a vote's winner included, unless given a new one", async () => {
    const { engine, narrator } = await startedFixture();
    await engine.openVote(room, alice, { options: ['They run', 'They hide'] });
    await engine.castVote(room, bob, { option: 2 });
    await engine.closeVote(room, mod, {});
    const original = await engine.continueStory(room, alice, { direction: 'quietly' });
    expect(original.beat.direction).toBe('They hide. quietly');
    const again = await engine.rewrite(room, mod, {});
    expect(again.beat.direction).toBe('They hide. quietly');
    expect(narrator.calls.at(-1)?.request).toMatchObject({ direction: 'They hide. quietly' });
    const other = await engine.rewrite(room, mod, { direction: 'loudly' });
    expect(other.beat.direction).toBe('loudly');
  });

  it("gives a vote's winner back when the beat it steered is undone", async () => {
    const { engine } = await startedFixture();
    await engine.openVote(room, alice, { options: ['They run', 'They hide'] });
    await engine.castVote(room, bob, { option: 2 });
    await engine.closeVote(room, mod, {});
    // A scene heading from the narrator does not use up the winner.
    await engine.newScene(room, alice, {});
    const steered = await engine.continueStory(room, alice, {});
    expect(steered.beat).toMatchObject({ direction: 'They hide', voteId: expect.any(String) });
    expect((await engine.room(room)).pendingDirection).toBeUndefined();
    await engine.undo(room, mod);
    expect((await engine.room(room)).pendingDirection?.text).toBe('They hide');
    const again = await engine.continueStory(room, alice, { direction: 'slowly' });
    expect(again.beat.direction).toBe('They hide. slowly');
    // Undoing a beat no vote steered gives nothing back.
    await engine.action(room, alice, { text: 'Rain.' });
    await engine.undo(room, mod);
    expect((await engine.room(room)).pendingDirection).toBeUndefined();
  });

  it('rewrites a dialogue beat as a new line for the same character', async () => {
    const { engine } = await startedFixture();
    await engine.writeLine(room, alice, { character: 'Vera' });
    const rewritten = await engine.rewrite(room, mod, {});
    expect(rewritten.beat).toMatchObject({ kind: 'dialogue', character: 'Vera' });
  });

  it('only moderators undo or rewrite', async () => {
    const { engine } = await startedFixture();
    await engine.action(room, alice, { text: 'One.' });
    await expectUserError(engine.undo(room, alice), /Only moderators can undo/);
    await expectUserError(engine.rewrite(room, bob, {}), /Only moderators can rewrite/);
  });

  it('says when there is nothing to undo', async () => {
    const { engine } = createFixture();
    await engine.startStory(room, mod, { title: 'Empty' });
    await expectUserError(engine.undo(room, mod), /nothing to undo/);
  });
});

describe('roles, locks and cooldowns', () => {
  it('lets the audience vote but not write when the room is for writers only', async () => {
    const { engine } = await startedFixture();
    await engine.updateSettings(room, mod, { whoMayContinue: 'writers' });
    await expectUserError(engine.action(room, carol, { text: 'Hi.' }), /only writers and moderators/);
    await engine.openVote(room, alice, { options: ['A', 'B'] });
    await expect(engine.castVote(room, carol, { option: 1 })).resolves.toMatchObject({ option: 0 });
  });

  it('lets everyone write when the setting is everyone', async () => {
    const { engine } = await startedFixture();
    await expect(engine.action(room, carol, { text: 'Hi.' })).resolves.toBeDefined();
  });

  it('a locked room refuses changes and says who may unlock it', async () => {
    const { engine } = await startedFixture();
    await engine.lock(room, mod);
    await expectUserError(
      engine.action(room, alice, { text: 'Hi.' }),
      /locked by Mo.*moderator.*\/room unlock/,
    );
    await expectUserError(engine.addCharacter(room, alice, { name: 'Zed' }), /locked/);
    await expectUserError(engine.unlock(room, alice), /Only moderators/);
    await engine.unlock(room, mod);
    await expect(engine.action(room, alice, { text: 'Hi.' })).resolves.toBeDefined();
  });

  it('only moderators change settings', async () => {
    const { engine } = await startedFixture();
    await expectUserError(engine.updateSettings(room, alice, { autoVote: true }), /Only moderators/);
    await expectUserError(engine.updateSettings(room, mod, { voteDurationMs: 5_000 }), /10 seconds/);
  });

  it('enforces the per-user cooldown for writers but not moderators', async () => {
    const { engine, clock } = await startedFixture();
    await engine.updateSettings(room, mod, { cooldownMs: 30_000 });
    await engine.action(room, alice, { text: 'One.' });
    await expectUserError(engine.action(room, alice, { text: 'Two.' }), /cooldown.*30 s/);
    await engine.action(room, bob, { text: 'Bob is free.' });
    await engine.action(room, mod, { text: 'Mods are free.' });
    await engine.action(room, mod, { text: 'Still free.' });
    await clock.advance(30_000);
    await expect(engine.action(room, alice, { text: 'Two.' })).resolves.toBeDefined();
  });
});

describe('characters', () => {
  it('keeps names unique regardless of case, edits and removes them', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      engine.addCharacter(room, alice, { name: 'VERA' }),
      /already a character named Vera/,
    );
    await engine.editCharacter(room, alice, { name: 'vera', newName: 'Vera Voss', voice: 'dry' });
    let state = await engine.room(room);
    expect(state.characters[0]).toMatchObject({
      name: 'Vera Voss',
      voice: 'dry',
      description: 'A safecracker',
    });
    await expectUserError(engine.removeCharacter(room, alice, { name: 'Sam' }), /Only moderators/);
    await engine.removeCharacter(room, mod, { name: 'sam' });
    state = await engine.room(room);
    expect(state.characters.map((c) => c.name)).toEqual(['Vera Voss']);
  });

  it('lets a creator remove their own character', async () => {
    const { engine } = await startedFixture();
    await engine.addCharacter(room, alice, { name: 'Nico' });
    await expect(engine.removeCharacter(room, alice, { name: 'Nico' })).resolves.toMatchObject({
      name: 'Nico',
    });
  });
});
