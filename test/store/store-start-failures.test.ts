// Start-up against a store that is not there: the real program (node src/main.ts) must print one line naming
// STORE_URL and the cause, no stack and no JSON log, and exit non-zero within 15 s.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.ts';
import { closedPort } from './fixtures/tcp-proxy.ts';

const EXIT_WITHIN_MS = 15_000;
/** A server that accepts connections and never answers (a firewall that drops, a wedged server). */
let silent: Server;
const silentSockets = new Set<Socket>();
let silentPort = 0;
let refusedPort = 0;
const exitTimes: Record<string, number> = {};

beforeAll(async () => {
  refusedPort = await closedPort();
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  // The figures the issue asks for, in the test output.
  console.info(`start-up failure exit times (ms): ${JSON.stringify(exitTimes)}`);
});

const cases: [string, () => string, RegExp][] = [
  ['Redis refused', () => `redis://127.0.0.1:${refusedPort}`, /connection refused by 127\.0\.0\.1:\d+/],
  ['Redis unknown host', () => 'redis://no-such-host.invalid:6379', /unknown host "no-such-host\.invalid"/],
  ['Redis wrong password', () => 'redis://:wrong-secret@127.0.0.1:6379', /authentication failed/],
  ['Redis not answering', () => `redis://127.0.0.1:${silentPort}`, /no answer within 5 s/],
  ['PostgreSQL refused', () => `postgres://postgres@127.0.0.1:${refusedPort}/test`, /connection refused/],
  [
    'PostgreSQL unknown host',
    () => 'postgres://postgres@no-such-host.invalid/test',
    /unknown host "no-such-host\.invalid"/,
  ],
  [
    'PostgreSQL missing database',
    () => 'postgres://postgres@127.0.0.1:5432/storyroom_no_such_db',
    /no such database "storyroom_no_such_db"/,
  ],
  [
    'PostgreSQL unknown user',
    () => 'postgres://storyroom_no_such_role@127.0.0.1:5432/test',
    /authentication failed for user "storyroom_no_such_role"/,
  ],
  [
    'SQLite folder under /proc',
    () => 'sqlite:///proc/nope/x.sqlite',
    /cannot create the folder \/proc\/nope/,
  ],
  [
    'SQLite folder under a file',
    () => 'sqlite:///etc/hostname/x.sqlite',
    /cannot create the folder .*is a file/,
  ],
];

describe('start-up against a store that is not there (the real program)', () => {
  it.each(cases)(
    '%s: one clear line naming STORE_URL and the cause, exit 1 within 15 s',
    async (name, url, cause) => {
      const run = await runMain({
        env: { STORE_URL: url(), LOG_LEVEL: 'info' },
        stdin: '',
        killAfterMs: 20_000,
      });
      exitTimes[name] = run.ms;
      expect(run.killed).toBe(false);
      expect(run.ms).toBeLessThan(EXIT_WITHIN_MS);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^storyroom failed to start: STORE_URL "[^"]+": cannot use the store: /);
      expect(lines[0]).toMatch(cause);
      expect(run.stderr).not.toContain('wrong-secret');
      expect(run.stderr).not.toMatch(/\n\s+at |"stack"|throwOnConnectError|"level"/);
      // Nothing on stdout that is an error log either (pino writes there).
      expect(run.stdout).not.toMatch(/"level":(40|50|60)/);
    },
  );
});
