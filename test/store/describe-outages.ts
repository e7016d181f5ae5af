// What a server backend must do when its server does not answer: fail within seconds, never hang or pretend.
// The scenarios run in a child process (see fixtures/append-during-outage.ts) so sockets behave as in production.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyv } from '../../src/store/create-event-store.ts';
import { runNodeScript } from './fixtures/run-node-script.ts';

const SCRIPT = fileURLToPath(new URL('./fixtures/append-during-outage.ts', import.meta.url));
const SCRIPT_TIMEOUT_MS = 15_000;

interface Outcome {
  outcome: 'resolved' | 'rejected';
  ms: number;
  error?: string;
}

async function runScenario(mode: 'closed-port' | 'outage', url: string): Promise<Outcome> {
  const run = await runNodeScript(SCRIPT, [mode, url], SCRIPT_TIMEOUT_MS);
  if (run.timedOut)
    throw new Error(`${mode}: the operation neither resolved nor rejected in ${SCRIPT_TIMEOUT_MS} ms`);
  if (run.code !== 0) throw new Error(`${mode}: the script failed (exit ${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Outcome;
}

/** spaceUrl gives the URL of a fresh namespace on a server that is up. */
export function describeOutages(name: string, spaceUrl: () => string): void {
  describe(`${name} EventStore when the server does not answer`, () => {
    let url: string;
    afterEach(async () => {
      const keyv = openKeyv(url);
      await keyv.clear();
      await keyv.disconnect();
    });

    it('rejects opening a store on a closed port within seconds, naming STORE_URL', async () => {
      url = spaceUrl();
      const result = await runScenario('closed-port', url);
      expect(result).toMatchObject({ outcome: 'rejected', error: expect.stringContaining('STORE_URL') });
      expect(result.ms).toBeLessThan(5_000);
    });

    it('rejects an append made while the connection is down, within seconds', async () => {
      url = spaceUrl();
      const result = await runScenario('outage', url);
      expect(result).toMatchObject({ outcome: 'rejected' });
      expect(result.ms).toBeLessThan(5_000);
    });
  });
}
