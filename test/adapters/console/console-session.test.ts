import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { defineCommand, type FileBlock, file, publicReply, text } from '../../../src/commands/command.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

async function session() {
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const store = createKeyvEventStore(new Keyv());
  const engine = createStoryEngine({ store, narrator: createOfflineNarrator({ seed: 7 }), clock, logger });
  const room = { platform: 'console', workspaceId: 'local', channelId: 'session' } as const;
  const user = { id: 'local:mo', name: 'mo', role: 'moderator' } as const;
  const local = createConsoleSession({ engine, commands, logger, room, user, now: clock.now });
  await local.run('/scene start title:"The Heist"');
  return { local, engine, room };
}

describe('the console session, given lines people get wrong', () => {
  it('answers /as without a name with how to use /as, and runs nothing', async () => {
    const { local, engine, room } = await session();
    await local.run('/vote open Run Hide');
    expect(await local.run('/as  /vote cast 1')).toBe(
      '(only you see this)\n/as needs a name before the command. Use it like /as alice /vote cast 2, or /as bob:audience /vote cast B.',
    );
    expect((await engine.voteStatus(room)).ballots).toEqual({});
  });

  it('shows how a heading without quotes was read, and how to quote it', async () => {
    const { local } = await session();
    expect(await local.run('/scene new EXT. ROOF - DAY A windy roof')).toBe(
      '(only you see this)\nSay where the scene is, e.g. "INT. DINER - NIGHT".\n\nThe heading was read as just "EXT.", because each word fills one option: put a heading with spaces in quotes, e.g. /scene new "EXT. ROOF - DAY" "A windy roof".',
    );
    expect(await local.run('/scene new "EXT. ROOF - DAY" "A windy roof"')).toContain('EXT. ROOF - DAY');
  });

  it('gives the quoting hint without guessing when the heading is not in capitals', async () => {
    const { local } = await session();
    expect(await local.run('/scene new EXT. roof at dawn')).toContain(
      'The heading was read as just "EXT.", because each word fills one option: put a heading with spaces in quotes, e.g. /scene new "<heading>" ….',
    );
  });

  it('adds no quoting hint when the heading was a single word on its own', async () => {
    const { local } = await session();
    expect(await local.run('/scene new EXT.')).toBe(
      '(only you see this)\nSay where the scene is, e.g. "INT. DINER - NIGHT".',
    );
  });

  it('turns on a switch typed in capitals', async () => {
    const { local, engine, room } = await session();
    await local.run('/room settings auto_vote:ON');
    expect((await engine.room(room)).settings.autoVote).toBe(true);
  });

  it('says /quit leaves only on its own, rather than suggesting another command', async () => {
    const { local } = await session();
    const answer =
      '(only you see this)\nTo leave the room, type /quit (or /exit) on its own, with nothing after it.';
    expect(await local.run('/quit extra')).toBe(answer);
    expect(await local.run('/exit now')).toBe(answer);
  });
});

describe('the console session, given a reply that carries a file', () => {
  const exportCommand = defineCommand({
    name: 'export',
    description: 'test export',
    options: z.object({}),
    access: 'everyone',
    execute: async () =>
      publicReply(
        text('Here it is.'),
        file('The Heist.fountain', 'text/plain', Buffer.from('Title: The Heist')),
      ),
  });

  async function fileSession(saveFile?: (block: FileBlock) => Promise<string>) {
    const clock = createFakeClock();
    const logger = createRecordingLogger();
    const engine = createStoryEngine({
      store: createKeyvEventStore(new Keyv()),
      narrator: createOfflineNarrator(),
      clock,
      logger,
    });
    const room = { platform: 'console', workspaceId: 'local', channelId: 'files' } as const;
    const user = { id: 'local:mo', name: 'Mo', role: 'moderator' } as const;
    return createConsoleSession({
      engine,
      commands: [exportCommand],
      logger,
      room,
      user,
      now: clock.now,
      saveFile,
    });
  }

  it('saves the file and says where it went', async () => {
    const saved: FileBlock[] = [];
    const local = await fileSession(async (block) => {
      saved.push(block);
      return `exports/${block.name}`;
    });
    expect(await local.run('/export')).toBe(
      'Here it is.\n\nSaved The-Heist.fountain (16 bytes) to exports/The-Heist.fountain',
    );
    expect(saved.map((block) => Buffer.from(block.bytes).toString())).toEqual(['Title: The Heist']);
  });

  it('says plainly when the file could not be saved', async () => {
    const local = await fileSession(async () => {
      throw Object.assign(new Error('no room'), { code: 'ENOSPC' });
    });
    expect(await local.run('/export')).toBe(
      'Here it is.\n\nCould not save The-Heist.fountain (ENOSPC); nothing else was affected.',
    );
  });
});
