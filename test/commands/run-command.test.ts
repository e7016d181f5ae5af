import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/command.ts';
import { describeOptions } from '../../src/commands/describe-options.ts';
import { commands } from '../../src/commands/index.ts';
import { errorReply, GENERIC_ERROR } from '../../src/commands/run-command.ts';
import type { Logger } from '../../src/logger.ts';
import type { Actor } from '../../src/story/types.ts';
import { alice, carol, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { runAs, shown } from './run-as.ts';

const run = (
  engine: CommandContext['engine'],
  actor: Actor,
  name: string,
  raw: Record<string, unknown> = {},
) => runAs(engine, actor, name, raw);

describe('command definitions', () => {
  it('describe every option with a type and a description, for platform registration', () => {
    for (const command of commands) {
      for (const option of describeOptions(command)) {
        expect(option.description.length, `${command.name} ${option.name}`).toBeGreaterThan(0);
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect(option.name).toMatch(/^[a-z0-9_]{1,32}$/);
      }
      expect(command.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('cover every command the issue lists', () => {
    const names = commands.map((c) => c.name);
    for (const wanted of [
      'scene start',
      'scene continue',
      'scene new',
      'scene rewrite',
      'scene undo',
      'line',
      'say',
      'action',
      'character add',
      'character edit',
      'character remove',
      'character list',
      'character show',
      'vote open',
      'vote close',
      'vote extend',
      'vote cancel',
      'vote status',
      'vote cast',
      'room settings',
      'room lock',
      'room unlock',
      'help',
    ]) {
      expect(names).toContain(wanted);
    }
  });
});

describe('running a command', () => {
  it('names an unknown option and lists the real ones', async () => {
    const { engine } = createFixture();
    await expectUserError(
      run(engine, alice, 'scene start', { titel: 'X' }),
      /has no option "titel".*title, premise/,
    );
  });

  it('says which required option is missing, with the usage', async () => {
    const { engine } = createFixture();
    await expectUserError(
      run(engine, alice, 'say', { character: 'Vera' }),
      /\/say needs text\. Usage: \/say <character> <text> \[parenthetical\]/,
    );
  });

  it('turns invalid values into messages for the sender', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      run(engine, alice, 'scene continue', { direction: 'x'.repeat(1001) }),
      /direction: The direction may be at most 1,000 characters/,
    );
    await expect(run(engine, mod, 'room settings', { vote_duration: 'soon' })).rejects.toThrow(
      /not a duration/,
    );
    await expect(run(engine, mod, 'room settings', { auto_vote: 'maybe' })).rejects.toThrow(/on or off/);
    await expect(run(engine, carol, 'vote cast', { option: 'Z' })).rejects.toThrow(
      'option: Give the option as a letter (A-E) or a number (1-5).',
    );
    await expect(run(engine, mod, 'vote close', { pick: 'two' })).rejects.toThrow(
      'pick: "two" is not a number: the pick must be a whole number from 1 to 5.',
    );
    await expect(run(engine, mod, 'vote close', { pick: 9 })).rejects.toThrow(
      'pick: The pick must be a whole number from 1 to 5.',
    );
    await expect(run(engine, alice, 'scene continue', { direction: '   ' })).rejects.toThrow(
      "direction: The direction can't be empty.",
    );
    await expect(run(engine, alice, 'scene start', { title: 'X', rating: 'x-rated' })).rejects.toThrow(
      'rating: The rating must be one of: general, teen, mature.',
    );
  });

  it('runs a whole small session through commands', async () => {
    const { engine, clock } = createFixture();
    const started = await run(engine, mod, 'scene start', {
      title: 'The Heist',
      heading: 'INT. BANK - NIGHT',
    });
    expect(started.visibility).toBe('public');
    await run(engine, alice, 'character add', { name: 'Vera', description: 'Safecracker' });
    const said = await run(engine, alice, 'say', { character: 'Vera', text: 'Quiet.' });
    expect(said.blocks[0]).toMatchObject({ type: 'beats', beats: [{ character: 'Vera', text: 'Quiet.' }] });
    const opened = await run(engine, alice, 'vote open', {
      option1: 'Run',
      option2: 'Hide',
      duration: '30s',
    });
    expect(opened.blocks[1]).toMatchObject({ type: 'vote', vote: { options: ['Run', 'Hide'] } });
    const cast = await run(engine, carol, 'vote cast', { option: 'b' });
    expect(shown(cast)).toEqual({
      visibility: 'private',
      blocks: [{ type: 'text', text: 'You voted for B (Hide). Vote again to change it.' }],
      language: 'en',
    });
    const changed = await run(engine, carol, 'vote cast', { option: '1' });
    expect(shown(changed).blocks[0]).toMatchObject({
      text: 'You voted for A (Run) instead of B. Vote again to change it.',
    });
    await clock.advance(30_000);
    const status = await run(engine, alice, 'vote status');
    expect(status.blocks[0]).toMatchObject({
      type: 'vote',
      vote: { status: 'closed', result: { winner: 0 } },
    });
    const settings = await run(engine, mod, 'room settings', { vote_duration: '2m', auto_vote: 'on' });
    expect(shown(settings).blocks[0]).toMatchObject({
      fields: expect.arrayContaining([
        { name: 'vote_duration', value: '2m' },
        { name: 'auto_vote', value: 'on' },
      ]),
    });
  });

  it('hides moderator commands from others in /help', async () => {
    const { engine } = createFixture();
    const forMember = await run(engine, alice, 'help');
    const forMod = await run(engine, mod, 'help');
    const names = (reply: typeof forMember) =>
      reply.blocks[0]?.type === 'fields' ? reply.blocks[0].fields.map((f) => f.name) : [];
    expect(names(forMember)).not.toContain('/scene undo');
    expect(names(forMod)).toContain('/scene undo');
  });

  it('shows the audience of a writers-only room only what it can do: vote, read, ask for help', async () => {
    const { engine } = await startedFixture();
    const names = async (actor: typeof carol) => {
      const reply = await run(engine, actor, 'help');
      return reply.blocks[0]?.type === 'fields' ? reply.blocks[0].fields.map((f) => f.name) : [];
    };
    expect(await names(carol)).toContain('/scene continue');
    await engine.updateSettings(room, mod, { whoMayContinue: 'writers' });
    const forAudience = await names(carol);
    expect(forAudience).not.toContain('/scene continue');
    expect(forAudience).not.toContain('/say');
    expect(forAudience).toEqual(
      expect.arrayContaining(['/vote cast', '/vote status', '/character list', '/help']),
    );
    expect(await names(alice)).toContain('/scene continue');
  });
});

describe('error replies', () => {
  it('show expected failures as they are, privately', () => {
    const logged: unknown[] = [];
    const logger = { error: (o: unknown) => logged.push(o) } as unknown as Logger;
    const reply = errorReply(new (class extends Error {})('raw internal detail'), logger, { command: 'x' });
    expect(reply).toEqual({ visibility: 'private', blocks: [{ type: 'text', text: GENERIC_ERROR }] });
    expect(logged).toHaveLength(1);
  });
});
