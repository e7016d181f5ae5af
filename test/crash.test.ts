// Killing a process (kill -9) in the middle of a beat and in the middle of a vote, on Redis and PostgreSQL:
// the real program (src/main.ts, the local room through a pipe) on a shared store, and a second one that
// takes over. The room is usable again within the beat lease, the vote closes on time with every recorded
// ballot, no part of the dead beat is in the story, and the person whose beat died is told.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../src/store/create-event-store.ts';
import type { StoryEvent } from '../src/story/events.ts';
import { DEFAULT_BEAT, type FakeOpenAiServer, startFakeOpenAiServer } from './helpers/fake-openai-server.ts';

/** A command that touches no store, sent after each one so its reply ends where the marker's echo begins. */
const MARKER = '/no-such-command';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const LEASE_MS = 2_000;
const REARM_MS = 300;
const run = randomUUID().slice(0, 8);
const table = `storyroom_crash_${run}`;
const BACKENDS = [
  ['Redis', `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}?namespace=storyroom-crash-${run}`],
  [
    'PostgreSQL',
    `${process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'}?table=${table}&namespace=crash`,
  ],
] as const;

let server: FakeOpenAiServer;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  server.intercept((body) => {
    const text = JSON.stringify(body);
    // A beat asked for with this direction never gets its first token (the process is killed meanwhile).
    if (text.includes('Slow beat please')) return { kind: 'hang' };
    // A beat that takes a while, for a SIGTERM to arrive while it is written.
    if (text.includes('Steady beat please')) {
      return {
        kind: 'reply',
        content: { ...DEFAULT_BEAT, text: 'The lights hum.' },
        firstTokenDelayMs: 1_000,
      };
    }
    return undefined;
  });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await server.close();
  for (const [, url] of BACKENDS) {
    const keyv = (await import('../src/store/create-event-store.ts')).openKeyv(url);
    await keyv.clear();
    await keyv.disconnect();
  }
  const client = new pg.Client({
    connectionString: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  });
  await client.connect();
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.end();
});

interface Room {
  child: ChildProcessWithoutNullStreams;
  /** Sends a command and resolves with what the room printed for it. */
  send(line: string): Promise<string>;
  /** Sends a command without waiting for its reply. */
  fire(line: string): void;
  /** Everything printed so far. */
  output(): string;
}

/** The local room (src/main.ts) on the store, reading commands from a pipe that stays open. */
function startRoom(storeUrl: string, channel: string): Room {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      STORE_URL: storeUrl,
      CONSOLE_CHANNEL: channel,
      LOG_LEVEL: 'warn',
      LLM_BASE_URL: server.baseURL,
      LLM_MODEL: 'fake-model',
      LLM_SERVER: 'vllm',
      LLM_MAX_RETRIES: '0',
      BEAT_LEASE_MS: String(LEASE_MS),
      VOTE_REARM_MS: String(REARM_MS),
    },
  });
  children.push(child);
  let stdout = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  // CRASH_STDERR=1 shows the rooms' own logs, for chasing a failure.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (process.env.CRASH_STDERR) process.stderr.write(chunk);
  });
  /** The reply to `line`: from its echo to the echo of the marker sent after it. */
  const replyAfter = (from: number, line: string) =>
    new Promise<string>((resolve) => {
      const check = () => {
        const echo = stdout.indexOf(`> ${line}\n`, from);
        const end = echo === -1 ? -1 : stdout.indexOf(`> ${MARKER}\n`, echo);
        if (end !== -1) resolve(stdout.slice(echo + line.length + 3, end));
        else waiters.push(check);
      };
      check();
    });
  let pending = Promise.resolve('');
  return {
    child,
    send(line) {
      const result = pending.then(() => {
        const from = stdout.length;
        child.stdin.write(`${line}\n${MARKER}\n`);
        return replyAfter(from, line);
      });
      pending = result.then(() => '');
      return result;
    },
    fire(line) {
      child.stdin.write(`${line}\n`);
    },
    output: () => stdout,
  };
}

async function logOf(storeUrl: string, roomId: string): Promise<StoryEvent[]> {
  const store = await createEventStore(storeUrl);
  try {
    return (await store.read(roomId, 1, await store.head(roomId))) as StoryEvent[];
  } finally {
    await store.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent.each(BACKENDS)('kill -9 on %s', (_name, storeUrl) => {
  it('in the middle of a beat: the room is free within the lease, nothing of the beat is stored, its asker is told', async () => {
    const channel = `beat-${randomUUID().slice(0, 6)}`;
    const first = startRoom(storeUrl, channel);
    expect(await first.send('/scene start title:"Crash" heading:"INT. LAB - NIGHT"')).toMatch(/Crash/);
    const asked = server.requests.length;
    first.fire('/scene continue direction:"Slow beat please"');
    await expect.poll(() => server.requests.length, { timeout: 5_000 }).toBeGreaterThan(asked);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();

    // Until the lease runs out the room refuses beats as busy; then the same person is told what happened,
    // once, and the room works again.
    const second = startRoom(storeUrl, channel);
    let reply = '';
    while (Date.now() - killedAt < LEASE_MS + 5_000) {
      reply = await second.send('/scene continue');
      if (!/already being written/.test(reply)) break;
      await sleep(200);
    }
    const freeAfter = Date.now() - killedAt;
    expect(reply).toMatch(/Your last beat was interrupted/);
    expect(await second.send('/scene continue')).toMatch(/The rain stops/);
    expect(freeAfter).toBeLessThan(LEASE_MS + 3_000);
    if (process.env.CRASH_TIMINGS) process.stderr.write(`beat: room free ${freeAfter} ms after the kill\n`);
    second.child.kill('SIGKILL');

    const beats = (await logOf(storeUrl, `console:local:${channel}`)).filter(
      (event) => event.type === 'beat.added',
    );
    // The scene heading and the one beat written after the takeover; nothing of the beat that died.
    expect(beats.map((event) => event.type === 'beat.added' && event.beat.kind)).toEqual(['scene', 'action']);
  }, 30_000);

  it('in the middle of a vote: another process closes it on time with every recorded ballot', async () => {
    const channel = `vote-${randomUUID().slice(0, 6)}`;
    const first = startRoom(storeUrl, channel);
    const second = startRoom(storeUrl, channel);
    await first.send('/scene start title:"Crash" heading:"INT. LAB - NIGHT"');
    await first.send('/vote open "Left" "Right" duration:10s');
    for (const [who, option] of [
      ['alice', 1],
      ['bob', 2],
      ['carol', 2],
    ] as const) {
      expect(await (who === 'bob' ? second : first).send(`/as ${who} /vote cast ${option}`)).not.toMatch(
        /error|wrong/i,
      );
    }
    first.child.kill('SIGKILL');

    const roomId = `console:local:${channel}`;
    let log: StoryEvent[] = [];
    await expect
      .poll(
        async () => {
          log = await logOf(storeUrl, roomId);
          return log.some((event) => event.type === 'vote.closed');
        },
        { timeout: 14_000, interval: 250 },
      )
      .toBe(true);
    second.child.kill('SIGKILL');
    const opened = log.find((event) => event.type === 'vote.opened');
    const closed = log.filter((event) => event.type === 'vote.closed');
    expect(closed).toHaveLength(1);
    const close = closed[0];
    if (close?.type !== 'vote.closed' || opened?.type !== 'vote.opened') throw new Error('no vote');
    expect(close.result.tally).toEqual([1, 2]);
    expect(close.result.winner).toBe(1);
    const late = Date.parse(close.at) - Date.parse(opened.deadline);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(REARM_MS + 1_500);
    if (process.env.CRASH_TIMINGS) process.stderr.write(`vote: closed ${late} ms after its deadline\n`);
  }, 30_000);
});

describe('SIGTERM in the middle of a beat', () => {
  it('finishes the beat, answers "restarting" to what comes next, and exits with the beat stored', async () => {
    const storeUrl = BACKENDS[0][1];
    const channel = `term-${randomUUID().slice(0, 6)}`;
    const room = startRoom(storeUrl, channel);
    await room.send('/scene start title:"Crash" heading:"INT. LAB - NIGHT"');
    const asked = server.requests.length;
    const exited = new Promise<number | null>((resolve) => room.child.once('exit', (code) => resolve(code)));
    room.fire('/scene continue direction:"Steady beat please"');
    room.fire('/action Too late.');
    await expect.poll(() => server.requests.length, { timeout: 5_000 }).toBeGreaterThan(asked);
    room.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const printed = room.output();
    expect(printed).toMatch(/> \/scene continue direction:"Steady beat please"\nThe lights hum\./);
    expect(printed).toMatch(
      /> \/action Too late\.\n\(only you see this\)\nstoryroom is restarting\. Try again in a moment\./,
    );
    const beats = (await logOf(storeUrl, `console:local:${channel}`)).filter(
      (event) => event.type === 'beat.added',
    );
    expect(beats.map((event) => event.type === 'beat.added' && event.beat.text)).toEqual([
      'INT. LAB - NIGHT',
      'The lights hum.',
    ]);
  }, 30_000);
});
