// The fake Web API's per-minute limit, which the bench's count of 429s relies on: past the limit a token's
// calls of a method are answered 429 with the Retry-After until the oldest leaves the minute.
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.ts';
import { type FakeSlackApi, startFakeSlackApi } from './slack-web-api.ts';

let api: FakeSlackApi | undefined;
afterEach(async () => {
  await api?.close();
});

describe('the fake Slack Web API', () => {
  it('answers a token 429 past its calls a minute, per token, until the oldest call ages out', async () => {
    const clock = createFakeClock(1_700_000_000_000);
    const fake = await startFakeSlackApi({ now: () => clock.now(), perMinute: { 'chat.update': 2 } });
    api = fake;
    const client = (token: string) =>
      new WebClient(token, {
        slackApiUrl: fake.url,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
      });
    const update = (token: string) =>
      client(token)
        .chat.update({ channel: 'C0STORY', ts: '1.000100', text: 'x' })
        .then(
          () => 'ok',
          (error: { retryAfter?: number }) => `429 ${error.retryAfter}`,
        );

    expect(await update('xoxb-one')).toBe('ok');
    await clock.advance(15_000);
    expect(await update('xoxb-one')).toBe('ok');
    expect(await update('xoxb-one')).toBe('429 45');
    expect(await update('xoxb-two')).toBe('ok');
    await clock.advance(45_000);
    expect(await update('xoxb-one')).toBe('ok');
    expect(fake.callsOf('chat.update').map((call) => call.rateLimited === true)).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
  });
});
