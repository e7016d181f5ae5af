import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createEditBudget } from '../../../src/adapters/slack/edit-budget.ts';
import {
  createSlackWebClient,
  type RateLimited,
  retryAfterMsOf,
} from '../../../src/adapters/slack/retry-after.ts';
import { systemClock } from '../../../src/story/clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

const TOKEN = 'xoxb-secret-token-1234';

interface Received {
  method: string;
  body: string;
  authorization: string | undefined;
}

/** A Slack Web API that answers the first `limited` calls with 429 + Retry-After, then ok. */
async function startFakeSlack(limited: number, retryAfter = '1') {
  const received: Received[] = [];
  let left = limited;
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    received.push({
      method: request.url?.split('/').at(-1) ?? '',
      body,
      authorization: request.headers.authorization,
    });
    response.setHeader('content-type', 'application/json');
    if (left-- > 0) {
      response.writeHead(429, { 'retry-after': retryAfter });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    response.end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.2' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/`, received };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('Slack 429s', () => {
  it('the client waits out Retry-After and sends the call again, and tells us how long it waited', async () => {
    const fake = await startFakeSlack(1);
    const logger = createRecordingLogger();
    const limits: RateLimited[] = [];
    const client = createSlackWebClient(TOKEN, {
      slackApiUrl: fake.url,
      logger,
      onRateLimited: (event) => limits.push(event),
    });
    const result = await client.chat.update({ channel: 'C1', ts: '1.2', text: 'the final beat' });
    expect(result.ok).toBe(true);
    expect(fake.received.map((call) => call.method)).toEqual(['chat.update', 'chat.update']);
    expect(new URLSearchParams(fake.received[1]?.body).get('text')).toBe('the final beat');
    expect(fake.received[1]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(limits).toEqual([{ retryAfterMs: 1000, method: 'chat.update' }]);
    // The SDK's own lines go through our logger, and never with the token.
    expect(logger.entries.some((entry) => entry.msg?.includes('rate limiting'))).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain(TOKEN);
  });

  it('the budget holds the team’s other edits while the client waits out a 429', async () => {
    const fake = await startFakeSlack(1);
    const budget = createEditBudget({ editsPerMinute: 45, messageIntervalMs: 1000, clock: systemClock });
    let told: () => void = () => {};
    const rateLimited = new Promise<void>((resolve) => {
      told = resolve;
    });
    const client = createSlackWebClient(TOKEN, {
      slackApiUrl: fake.url,
      logger: createRecordingLogger(),
      onRateLimited: ({ retryAfterMs }) => {
        budget.pause('T1', retryAfterMs);
        told();
      },
    });
    const started: string[] = [];
    const update = (text: string) => () => {
      started.push(text);
      return client.chat.update({ channel: 'C1', ts: '1.2', text });
    };
    const first = budget.edit('T1', 'C1/1.2', update('preview'));
    await rateLimited;
    // Another message of the team, asked while the client waits out the 429: the budget holds it.
    const other = budget.edit('T1', 'C1/3.4', update('vote closed'), { final: true });
    expect(started).toEqual(['preview']);
    await Promise.all([first, other]);
    await budget.stop();
    expect(started).toEqual(['preview', 'vote closed']);
    // The client's retry of the preview and the other message's edit are independent: either may land first.
    expect(fake.received.map((call) => new URLSearchParams(call.body).get('text')).sort()).toEqual([
      'preview',
      'preview',
      'vote closed',
    ]);
  });

  it('reads Retry-After from a call a client made to reject rate-limited calls', async () => {
    const fake = await startFakeSlack(1, '7');
    const client = new WebClient(TOKEN, { slackApiUrl: fake.url, rejectRateLimitedCalls: true });
    const error = await client.chat.update({ channel: 'C1', ts: '1.2', text: 'x' }).catch((e: unknown) => e);
    expect(retryAfterMsOf(error)).toBe(7000);
    expect(String(error)).not.toContain(TOKEN);
    expect(retryAfterMsOf(new Error('message_not_found'))).toBeUndefined();
    expect(retryAfterMsOf(undefined)).toBeUndefined();
  });
});
