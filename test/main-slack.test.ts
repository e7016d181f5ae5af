// `npm start` with Slack configured: the real program (src/main.ts) serves Slack's HTTP receiver, acks a
// signed slash command, answers it through the Web API (here a local fake, SLACK_API_URL), refuses a forged
// one, and stops on SIGTERM. Nothing leaves the machine: the child process talks only to loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, REPO } from './helpers/run-main.ts';
import { slashCommandBody } from './helpers/slack-payloads.ts';
import { SIGNING_SECRET, signedHeaders } from './helpers/slack-signing.ts';
import { type FakeSlackApi, startFakeSlackApi } from './helpers/slack-web-api.ts';

let api: FakeSlackApi | undefined;
let child: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'storyroom-main-slack-'));

afterEach(async () => {
  child?.kill('SIGKILL');
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start on Slack (HTTP mode)', () => {
  it('acks a signed slash command, answers it in the channel, refuses a forged one, and exits on SIGTERM', async () => {
    api = await startFakeSlackApi();
    const port = await freePort();
    let stderr = '';
    const started = spawn(process.execPath, ['src/main.ts'], {
      cwd: REPO,
      env: cleanEnv({
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_PORT: String(port),
        SLACK_API_URL: api.url,
        STORE_URL: `sqlite://${join(dir, 'slack.sqlite')}`,
        LOG_LEVEL: 'warn',
      }),
    });
    child = started;
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}/slack/events`;
    const post = (body: string, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers, body }).catch(() => undefined);

    const body = slashCommandBody({
      command: '/scene',
      text: 'start title:"Harbor <!channel> Lights"',
      userId: 'U0MOD',
      responseUrl: api.responseUrl('R-main'),
    });
    // The receiver is up once a signed request is answered.
    const ack = await until('the HTTP receiver', async () => {
      const response = await post(body, signedHeaders(body));
      return response?.status === 200 ? response : undefined;
    });
    expect(ack.status).toBe(200);
    const posted = await until('the story start in the channel', () =>
      api?.callsOf('chat.postMessage').find((call) => JSON.stringify(call.args).includes('Harbor')),
    );
    expect(posted.token).toBe('xoxb-test-token');
    // Form-encoded by the WebClient, so the flags arrive as text.
    expect(posted.args).toMatchObject({ channel: 'C0STORY', link_names: 'false', unfurl_links: 'false' });
    expect(JSON.stringify(posted.args)).toContain('Harbor &lt;!channel&gt; Lights');
    expect(JSON.stringify(posted.args)).not.toContain('<!channel>');

    const forged = await post(body, { ...signedHeaders(body), 'x-slack-signature': 'v0=0000' });
    expect(forged?.status).toBe(401);

    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain('xoxb-test-token');
  }, 40_000);
});
