// Redis goes away while the engine runs, then comes back (through a TCP proxy in a child process, see
// fixtures/engine-through-outage.ts): a clear refusal meanwhile, nothing half-written, and recovery.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openKeyv } from '../../src/store/create-event-store.ts';
import { runNodeScript } from './fixtures/run-node-script.ts';

const SCRIPT = fileURLToPath(new URL('./fixtures/engine-through-outage.ts', import.meta.url));
const url = `redis://127.0.0.1:6379/0?namespace=outage-${randomUUID()}`;

afterAll(async () => {
  const keyv = openKeyv(url);
  await keyv.clear();
  await keyv.disconnect();
});

describe('the engine on Redis when Redis goes away and comes back', () => {
  it('refuses the change with the storage message, stores nothing of it, and recovers', async () => {
    const run = await runNodeScript(SCRIPT, [url], 40_000);
    expect(run.timedOut).toBe(false);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
    expect(result.during).toMatchObject({
      code: 'store.unavailable',
      message: expect.stringMatching(/storage is not answering right now, so nothing was added/),
    });
    expect(result.during.ms).toBeLessThan(10_000);
    expect(result.recovered).toBe(true);
    expect(result.storedSeq).toBe(result.seqBefore + 1);
    expect(result.texts).toEqual(['Before.', 'After.']);
    console.info(
      `redis outage: refused after ${result.during.ms} ms; recovered after ${result.recoveredMs} ms (${result.attempts} attempt(s))`,
    );
  }, 45_000);
});
