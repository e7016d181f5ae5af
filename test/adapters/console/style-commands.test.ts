// /style in the terminal room: typed as text (the sample takes the rest of the line), or read from a file
// given by its path; shown with its profile in the reader's language; /help lists it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-style-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mo = { id: 'local:mo', name: 'mo', role: 'moderator' } as const;
const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'style' };

function session(locale?: string) {
  const clock = createFakeClock(Date.parse('2026-11-20T20:00:00Z'));
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator: createOfflineNarrator({ seed: 7 }),
    clock,
    logger: createRecordingLogger(),
  });
  const local = createConsoleSession({
    engine,
    commands,
    logger: createRecordingLogger(),
    room,
    user: mo,
    now: clock.now,
    locale,
  });
  return { engine, run: (line: string) => local.run(line) };
}

describe('/style in the terminal room', () => {
  it('takes a typed sample and notes, shows the profile, and the narrator writes under it', async () => {
    const { engine, run } = session();
    await run('/scene start title:"The Heist"');
    await run('/character add Vera "A safecracker"');
    const output = await run('/style set He ran. It was cold. The car would not start. notes:"terse, dry"');
    expect(output).toContain("mo set the room's style. The narrator writes like it from now on.");
    expect(output).toContain('Mean sentence length');
    expect(output).toContain('3.33 words');
    expect((await engine.room(room)).style).toMatchObject({
      sample: 'He ran. It was cold. The car would not start.',
      notes: 'terse, dry',
    });
    const shown = await run('/style show');
    expect(shown).toContain('(only you see this)');
    expect(shown).toContain('He ran. It was cold. The car would not start.');
    expect(shown).toContain('terse, dry');
    const beat = await run('/scene continue');
    expect(beat).toBeTruthy();
  });

  it('reads the sample from a file given by its path, line breaks kept', async () => {
    const { engine, run } = session();
    await run('/scene start title:"The Heist"');
    const path = join(dir, 'sample.txt');
    await writeFile(path, 'The bus came late.\n\nNobody got off.\n');
    const output = await run(`/style set file:${path}`);
    expect(output).toContain("set the room's style");
    expect((await engine.room(room)).style?.sample).toBe('The bus came late.\n\nNobody got off.');
    const missing = await run(`/style set file:${join(dir, 'nope.txt')}`);
    expect(missing).toContain('nope.txt was not found.');
  });

  it('refuses someone who is not a moderator and says so in Chinese to a zh-CN reader', async () => {
    const { run } = session('zh-CN');
    await run('/scene start title:劫案 language:zh-CN');
    expect(await run('/as alice /style set 雨停了。')).toContain('只有管理员才能设置房间的文风');
    await run('/style set 雨停了。她没回头。 notes:短句');
    const shown = await run('/style show');
    expect(shown).toContain('平均句长');
    expect(shown).toContain('3.5 个字');
    expect(shown).toContain('雨停了。她没回头。');
    expect(await run('/style clear')).toContain('清除了房间的文风');
  });

  it('is in /help with its options, for moderators; /style show for everyone', async () => {
    const { run } = session();
    await run('/scene start title:"The Heist"');
    const help = await run('/help');
    expect(help).toMatch(/\/style set \[sample\] \[notes\] \[file\]/);
    expect(help).toContain('/style show');
    expect(help).toContain('/style clear');
    const audience = await run('/as carol:audience /help');
    expect(audience).toContain('/style show');
    expect(audience).not.toContain('/style set');
  });
});
