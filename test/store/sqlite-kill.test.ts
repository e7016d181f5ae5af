import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../../src/store/create-event-store.ts';

const SCRIPT = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));

/** Starts the appender, SIGKILLs it once it has acknowledged `acks` appends, and returns every seq it printed. */
function appendUntilKilled(file: string, acks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', SCRIPT, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: number[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) acknowledged.push(Number(line));
    if (acknowledged.length >= acks) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`the appender exited by itself after ${acknowledged.length} appends: ${stderr}`));
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-kill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SQLite EventStore when its process is killed', () => {
  it('keeps every acknowledged append across repeated SIGKILLs mid-write', { timeout: 60_000 }, async () => {
    const file = join(dir, 'killed.sqlite');
    let lastAcknowledged = 0;

    for (const round of [1, 2, 3]) {
      const acknowledged = await appendUntilKilled(file, 150 + round * 37);
      expect(acknowledged.length, `round ${round} acknowledged appends`).toBeGreaterThan(0);
      // Each run continues right after what the previous one stored.
      expect(acknowledged[0]).toBeGreaterThan(lastAcknowledged);
      lastAcknowledged = acknowledged.at(-1) ?? lastAcknowledged;

      const store = await createEventStore(`sqlite://${file}`);
      try {
        const head = await store.head('r1');
        expect(head).toBeGreaterThanOrEqual(lastAcknowledged);
        const events = (await store.read('r1', 1, head)) as Array<{ seq: number }>;
        expect(events.map((event) => event.seq)).toEqual(
          Array.from({ length: head }, (_, index) => index + 1),
        );
      } finally {
        await store.close();
      }
    }
  });
});
