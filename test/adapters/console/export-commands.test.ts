import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { saveFile } from '../../../src/adapters/console/save-file.ts';
import type { Command } from '../../../src/commands/command.ts';
import { createExportCommand } from '../../../src/commands/export.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createExportPool } from '../../../src/screenplay/export-pool.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine, type StoryEngine } from '../../../src/story/engine.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { makeBigHistory } from '../../helpers/export-room.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-exports-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mo = { id: 'local:mo', name: 'mo', role: 'moderator' } as const;

function world(list: readonly Command[] = commands) {
  const clock = createFakeClock(Date.parse('2026-11-20T20:00:00Z'));
  const logger = createRecordingLogger();
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator: createOfflineNarrator({ seed: 7 }),
    clock,
    logger,
  });
  const sessionIn = (channelId: string, locale?: string) => {
    const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId };
    const local = createConsoleSession({
      engine,
      commands: list,
      logger,
      room,
      user: mo,
      now: clock.now,
      locale,
      saveFile: (file) => saveFile(dir, file),
    });
    return { local, room };
  };
  return { engine, clock, sessionIn };
}

async function story(engine: StoryEngine, run: (line: string) => Promise<string | undefined>) {
  await run('/scene start title:"The Heist" genre:noir');
  await run('/character add Vera "A safecracker"');
  await run('/say Vera "Keep the engine running."');
  await run('/action "The lights go out."');
  await run('/vote open "Take the back door" "Wait for Sam"');
  await run('/vote cast 2');
  await run('/vote close');
  return engine;
}

/** The path the terminal printed for a saved file. */
const savedPath = (output: string | undefined) => /to (\S+)$/m.exec(output ?? '')?.[1] ?? '';

describe('/export in the terminal room', () => {
  it('saves the file under the exports folder, says where, and notes the export in the audit log', async () => {
    const { engine, sessionIn } = world();
    const { local, room } = sessionIn('one');
    await story(engine, (line) => local.run(line));
    const output = await local.run('/export format:fountain');
    expect(output).toContain('(only you see this)');
    expect(output).toContain('Fountain export of “The Heist”: the story as it stands');
    const path = savedPath(output);
    expect(path).toBe(join(dir, 'The-Heist.fountain'));
    const fountain = await readFile(path, 'utf8');
    expect(fountain).toMatch(/^Title: The Heist/);
    expect(fountain).toContain('Keep the engine running.');
    const history = await engine.history(room);
    expect(history.events.at(-1)).toMatchObject({
      type: 'room.exported',
      format: 'fountain',
      scope: 'story',
    });
  });

  it('writes every format, and gzip on request', async () => {
    const { engine, sessionIn } = world();
    const { local } = sessionIn('formats');
    await story(engine, (line) => local.run(line));
    for (const format of ['fdx', 'pdf', 'html', 'md', 'json']) {
      expect(savedPath(await local.run(`/export format:${format} scope:all`))).toMatch(
        new RegExp(`The-Heist\\.${format}$`),
      );
    }
    const gz = savedPath(await local.run('/export md gzip:on'));
    expect(gz).toMatch(/The-Heist\.md\.gz$/);
    expect([...(await readFile(gz)).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect((await readdir(dir)).sort()).toEqual(
      [
        'The-Heist.fdx',
        'The-Heist.html',
        'The-Heist.json',
        'The-Heist.md',
        'The-Heist.md.gz',
        'The-Heist.pdf',
      ].sort(),
    );
  });

  it('refuses people who are not moderators, before reading anything', async () => {
    const { engine, sessionIn } = world();
    const { local, room } = sessionIn('refused');
    await story(engine, (line) => local.run(line));
    const before = (await engine.history(room)).events.length;
    expect(await local.run('/as bob /export format:json')).toBe(
      '(only bob sees this)\nOnly moderators can export the story.',
    );
    expect(await local.run('/as bob /room audit')).toBe(
      '(only bob sees this)\nOnly moderators can see the audit log.',
    );
    expect((await engine.history(room)).events.length).toBe(before);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says a file is over the upload limit and offers the smaller forms instead of sending it', async () => {
    const small = createExportCommand({ uploadLimits: { console: 600 } });
    const { engine, sessionIn } = world(
      commands.map((command) => (command.name === 'export' ? small : command)),
    );
    const { local, room } = sessionIn('small');
    await story(engine, (line) => local.run(line));
    const output = await local.run('/export format:html scope:all');
    expect(output).toMatch(
      /^\(only you see this\)\nThe HTML file would be [\d.]+ KB, over this platform's upload limit of 600 bytes, so it was not sent\./,
    );
    expect(output).toContain('Try scope:story for the story without what was not kept.');
    expect(output).toContain('Try gzip:on for a compressed file');
    const gzipped = await local.run('/export format:json gzip:on');
    expect(gzipped).toContain('There is no smaller form of this export to offer.');
    expect(await readdir(dir)).toEqual([]);
    expect((await engine.history(room)).events.some((event) => event.type === 'room.exported')).toBe(false);
  });

  it('tells the moderator to try again in a moment when the export workers are busy', async () => {
    const pool = createExportPool({ size: 1, queueLimit: 0 });
    const busy = createExportCommand({ pool });
    const { engine, sessionIn } = world(
      commands.map((command) => (command.name === 'export' ? busy : command)),
    );
    const { local, room } = sessionIn('busy');
    await story(engine, (line) => local.run(line));
    // Someone else's big PDF holds the only worker.
    const other = pool.run(makeBigHistory(2000, 50, 5), { kind: 'pdf', scope: 'all' }).catch(() => undefined);
    try {
      expect(await local.run('/export format:md')).toBe(
        '(only you see this)\nExports are busy right now. Try again in a moment.',
      );
      expect((await engine.history(room)).events.some((event) => event.type === 'room.exported')).toBe(false);
    } finally {
      await pool.close();
      await other;
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives a hostile title a safe file name inside the folder, CJK kept', async () => {
    const { sessionIn } = world();
    const { local } = sessionIn('hostile');
    await local.run('/scene start title:"../../etc/夜行列车 <b>&amp;"');
    const path = savedPath(await local.run('/export format:md'));
    expect(path).toBe(join(dir, 'etc-夜行列车-b-amp.md'));
    expect(await readdir(dir)).toEqual(['etc-夜行列车-b-amp.md']);
  });
});

describe('/room audit in the terminal room', () => {
  it('lists the latest moderator actions, newest first, with who, what and when', async () => {
    const { engine, clock, sessionIn } = world();
    const { local } = sessionIn('audit');
    await story(engine, (line) => local.run(line));
    await clock.advance(60_000);
    await local.run('/room lock');
    await local.run('/room unlock');
    await local.run('/export format:pdf');
    const output = await local.run('/room audit 3');
    const at = new Date(clock.now());
    const when = `${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(at)} ${new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(at)}`;
    expect(output).toBe(
      [
        '(only you see this)',
        'The latest 3 moderator actions',
        `  ${when} · mo: exported the story (pdf, the story)`,
        `  ${when} · mo: unlocked the room`,
        `  ${when} · mo: locked the room`,
      ].join('\n'),
    );
  });

  it('reads in the reader’s language', async () => {
    const { engine, sessionIn } = world();
    const { local } = sessionIn('audit-zh', 'zh-CN');
    await story(engine, (line) => local.run(line));
    await local.run('/room lock');
    const output = await local.run('/room audit');
    expect(output).toContain('最近 2 条版主操作');
    expect(output).toContain('mo: 锁定了房间');
    expect(output).toContain('mo: 结束了投票（投票 v');
    expect(output).toContain('选项 B 胜出');
  });

  it('says so when no moderator has done anything yet', async () => {
    const { sessionIn } = world();
    const { local } = sessionIn('quiet');
    await local.run('/scene start title:Quiet');
    expect(await local.run('/room audit')).toBe(
      '(only you see this)\nNo moderator has done anything in this room yet.',
    );
  });
});

describe('/story map in the terminal room', () => {
  it('saves the PNG of the story tree with a short caption', async () => {
    const { engine, sessionIn } = world();
    const { local } = sessionIn('map');
    await story(engine, (line) => local.run(line));
    const output = await local.run('/story map');
    expect(output).toMatch(/^The map of “The Heist”: \d+ beats, the story's path in blue/);
    const png = await readFile(savedPath(output));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('says there is no story to map in an empty room', async () => {
    const { sessionIn } = world();
    expect(await sessionIn('empty').local.run('/story map')).toBe(
      '(only you see this)\nThere is no story here yet. Start one with /scene start.',
    );
  });
});

describe('/scene import in the terminal room', () => {
  it('recreates a room from its JSON export; exporting it again gives the same file but for the room and the import', async () => {
    const { engine, sessionIn } = world();
    const source = sessionIn('source');
    await story(engine, (line) => source.local.run(line));
    const path = savedPath(await source.local.run('/export format:json'));
    const target = sessionIn('target');
    expect(await target.local.run(`/scene import file:${path}`)).toBe(
      `mo imported “The Heist” from ${path}: 2 beats and 1 vote. Carry on with /scene continue.`,
    );
    const again = savedPath(await target.local.run('/export format:json'));
    const first = JSON.parse(await readFile(path, 'utf8'));
    const second = JSON.parse(await readFile(again, 'utf8'));
    expect(second.events.slice(0, first.events.length)).toEqual(first.events);
    expect(second.events.at(-1)).toMatchObject({ type: 'room.imported', fromRoomId: first.room.id });
    expect(second.room.id).not.toBe(first.room.id);
    expect((await engine.room(target.room)).story?.title).toBe('The Heist');
  });

  it('refuses a channel that has a story, a missing file, a file that is not JSON and JSON that is no export', async () => {
    const { engine, sessionIn } = world();
    const source = sessionIn('source');
    await story(engine, (line) => source.local.run(line));
    const path = savedPath(await source.local.run('/export format:json'));
    expect(await source.local.run(`/scene import ${path}`)).toBe(
      '(only you see this)\nThis channel already has a story. Import into an empty channel.',
    );
    const empty = sessionIn('empty').local;
    const missing = join(dir, 'nope.json');
    expect(await empty.run(`/scene import ${missing}`)).toBe(
      `(only you see this)\nThere is no file at ${missing}.`,
    );
    const notJson = join(dir, 'notes.json');
    await writeFile(notJson, 'Title: not json');
    expect(await empty.run(`/scene import ${notJson}`)).toBe(
      `(only you see this)\n${notJson} is not JSON, so it is not a storyroom export. Make one with /export format:json.`,
    );
    const other = join(dir, 'other.json');
    await writeFile(other, '{"hello": "world"}');
    expect(await empty.run(`/scene import ${other}`)).toContain('is JSON but not a storyroom room export');
    expect(await empty.run(`/scene import ${dir}`)).toContain('could not be read');
    expect(await empty.run('/as bob /scene import x.json')).toBe(
      '(only bob sees this)\nOnly moderators can import a story.',
    );
    expect((await engine.room(sessionIn('empty').room)).seq).toBe(0);
  });
});
