// Two piped terminal sessions writing the same room on one Redis, again and again: every process must exit
// once its input is done. Before the fix, about one process in twenty printed every reply and then stayed up:
// a background summary wrote to Redis after the store was closed, node-redis reconnected for it, and the new
// socket kept the process alive (process.getActiveResourcesInfo() showed one TCPSocketWrap).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openKeyv } from '../src/store/create-event-store.ts';
import { runMain } from './helpers/run-main.ts';

const PAIRS = 15;
const EXIT_WITHIN_MS = 15_000;
const url = `redis://127.0.0.1:6379/0?namespace=two-sessions-${randomUUID()}`;

// Enough beats that the shared room's rolling summary comes due after the first few runs.
const script = [
  '/scene start title:"Shared" genre:noir heading:"INT. DINER - NIGHT"',
  '/character add Vera A safecracker',
  ...Array.from({ length: 6 }, () => [
    '/scene continue',
    '/action The rain keeps falling on the diner windows, and nobody speaks for a long while.',
    '/say Vera We go tonight, whatever it costs us.',
  ]).flat(),
  '',
].join('\n');

afterAll(async () => {
  const keyv = openKeyv(url);
  await keyv.clear();
  await keyv.disconnect();
});

describe('two piped sessions on one Redis room', () => {
  it(
    `always exit at the end of their input (${PAIRS} runs of two sessions)`,
    async () => {
      const times: number[] = [];
      const stuck: string[] = [];
      for (let run = 0; run < PAIRS; run++) {
        const pair = await Promise.all(
          ['a', 'b'].map(() =>
            runMain({
              env: { STORE_URL: url, CONSOLE_CHANNEL: 'shared', LOG_LEVEL: 'warn' },
              stdin: script,
              killAfterMs: EXIT_WITHIN_MS,
            }),
          ),
        );
        for (const session of pair) {
          times.push(session.ms);
          if (session.killed || session.code !== 0)
            stuck.push(`run ${run}: ${session.ms} ms, ${session.stderr}`);
          expect(session.stdout).toContain('> /say Vera We go tonight');
        }
      }
      console.info(
        `two-session exit: ${times.length} sessions, exit times ${Math.min(...times)}..${Math.max(...times)} ms`,
      );
      expect(stuck).toEqual([]);
    },
    PAIRS * (EXIT_WITHIN_MS + 5_000),
  );
});
