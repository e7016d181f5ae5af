// The OAuth install flow on a real Bolt App and HTTPReceiver on a loopback port, with Slack's oauth.v2.access
// and auth.test answered by a local fake: /slack/install sends the browser to Slack with our client id,
// scopes and a state; the redirect with that state stores the installation; a forged state is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstallationStore } from '../../../src/adapters/slack/installation-store.ts';
import { slackOAuthOptions } from '../../../src/adapters/slack/oauth-options.ts';
import { BOT_SCOPES } from '../../../src/adapters/slack/scopes.ts';
import { slackLoggerOf } from '../../../src/adapters/slack/slack-logger.ts';
import { createEventStore } from '../../../src/store/create-event-store.ts';
import type { EventStore } from '../../../src/story/event-store.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'client-secret-shh';
const BOT_TOKEN = 'xoxb-installed-secret';
const config = {
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  stateSecret: 'state-secret',
  commandPrefix: '',
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Slack's oauth.v2.access and auth.test, answering as for a workspace named by a hostile admin. */
async function startFakeSlack() {
  const calls: { method: string; params: URLSearchParams }[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const method = request.url?.split('/').at(-1) ?? '';
    calls.push({ method, params: new URLSearchParams(body) });
    response.setHeader('content-type', 'application/json');
    if (method === 'oauth.v2.access') {
      response.end(
        JSON.stringify({
          ok: true,
          app_id: 'A0001',
          authed_user: { id: 'U0ADMIN' },
          scope: BOT_SCOPES.join(','),
          token_type: 'bot',
          access_token: BOT_TOKEN,
          bot_user_id: 'U0BOT',
          team: { id: 'T0001', name: '<script>alert(1)</script> & Co' },
          enterprise: null,
          is_enterprise_install: false,
        }),
      );
      return;
    }
    if (method === 'auth.test') {
      response.end(JSON.stringify({ ok: true, team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0001' }));
      return;
    }
    response.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
  });
  await listen(server);
  return { url: `http://127.0.0.1:${portOf(server)}/api/`, calls };
}

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

async function startApp() {
  const slack = await startFakeSlack();
  const store = await createEventStore('memory:');
  cleanups.push(() => store.close());
  const logger = createRecordingLogger();
  const oauth = slackOAuthOptions(config, store, { logger, slackApiUrl: slack.url });
  if (!oauth) throw new Error('expected OAuth options');
  const app = new App({ signingSecret: 'signing-secret', ...oauth, logger: slackLoggerOf(logger) });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  cleanups.push(() => app.stop());
  const base = `http://127.0.0.1:${portOf(server)}`;
  return { base, slack, store, logger };
}

/** GET /slack/install as a browser: where it is sent, and the state cookie it gets. */
async function beginInstall(base: string) {
  const response = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: response.status, location, cookie };
}

const installed = (store: EventStore) =>
  createInstallationStore(store).fetchInstallation({
    teamId: 'T0001',
    enterpriseId: undefined,
    isEnterpriseInstall: false,
  });

describe('Slack OAuth install flow', () => {
  it('sends the browser from /slack/install to Slack’s consent screen with our client id, scopes and a state', async () => {
    const { base } = await startApp();
    const { status, location, cookie } = await beginInstall(base);
    expect(status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('scope')?.split(',')).toEqual([...BOT_SCOPES]);
    const state = location.searchParams.get('state');
    expect(state).toMatch(/.{20,}/);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('stores the installation when Slack redirects back with the state, and shows an escaped page', async () => {
    const { base, slack, store, logger } = await startApp();
    const { location, cookie } = await beginInstall(base);
    const state = location.searchParams.get('state') ?? '';
    const response = await fetch(
      `${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
      },
    );
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('storyroom was added to &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co.');
    expect(page).toContain('type /scene start to begin');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain(BOT_TOKEN);
    const exchange = slack.calls.find((call) => call.method === 'oauth.v2.access');
    expect(exchange?.params.get('code')).toBe('the-code');
    expect(exchange?.params.get('client_id')).toBe(CLIENT_ID);
    expect(exchange?.params.get('client_secret')).toBe(CLIENT_SECRET);
    const installation = await installed(store);
    expect(installation.bot).toEqual({
      token: BOT_TOKEN,
      scopes: [...BOT_SCOPES],
      id: 'B0001',
      userId: 'U0BOT',
    });
    expect(installation.team?.id).toBe('T0001');
    const logged = JSON.stringify(logger.entries);
    expect(logged).not.toContain(BOT_TOKEN);
    expect(logged).not.toContain(CLIENT_SECRET);
  });

  it('answers in the browser’s language', async () => {
    const { base } = await startApp();
    const { location, cookie } = await beginInstall(base);
    const state = location.searchParams.get('state') ?? '';
    const response = await fetch(`${base}/slack/oauth_redirect?code=c&state=${encodeURIComponent(state)}`, {
      headers: { cookie, 'accept-language': 'fr;q=0.9, zh-CN;q=0.8, en;q=0.5' },
    });
    const page = await response.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('storyroom 已安装');
  });

  it('refuses a redirect whose state this browser was not given, and stores nothing', async () => {
    const { base, slack, store } = await startApp();
    const { cookie } = await beginInstall(base);
    const response = await fetch(`${base}/slack/oauth_redirect?code=the-code&state=forged-state`, {
      headers: { cookie },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      'This install link has expired or was opened in another browser.',
    );
    expect(slack.calls.map((call) => call.method)).not.toContain('oauth.v2.access');
    await expect(installed(store)).rejects.toThrow('No installation data found');
  });

  it('refuses a state with no cookie (another browser), and a cancelled install', async () => {
    const { base, store } = await startApp();
    const { location } = await beginInstall(base);
    const state = location.searchParams.get('state') ?? '';
    const stolen = await fetch(`${base}/slack/oauth_redirect?code=c&state=${encodeURIComponent(state)}`);
    expect(stolen.status).toBe(400);
    const cancelled = await fetch(`${base}/slack/oauth_redirect?error=access_denied&state=x`);
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toContain('The installation was cancelled in Slack.');
    await expect(installed(store)).rejects.toThrow('No installation data found');
  });

  it('is off without the client id, secret and state secret (the single-workspace token is used)', async () => {
    const store = await createEventStore('memory:');
    cleanups.push(() => store.close());
    const logger = createRecordingLogger();
    expect(slackOAuthOptions({ ...config, clientId: undefined }, store, { logger })).toBeUndefined();
    expect(slackOAuthOptions({ ...config, stateSecret: undefined }, store, { logger })).toBeUndefined();
  });
});
