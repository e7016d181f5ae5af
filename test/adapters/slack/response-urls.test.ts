// One count of uses per response_url, whoever uses it: Slack allows 5 within 30 minutes.
import { describe, expect, it } from 'vitest';
import {
  createResponseUrls,
  RESPONSE_URL_LIFETIME_MS,
  RESPONSE_URL_USES,
} from '../../../src/adapters/slack/response-urls.ts';

describe('response_url uses', () => {
  it(`grants ${RESPONSE_URL_USES} uses of one URL in all, keeping one of Slack's five in hand`, () => {
    const urls = createResponseUrls(() => 0);
    const granted = Array.from({ length: 10 }, () => urls.take('https://hooks.slack.com/a'));
    expect(granted.filter(Boolean)).toHaveLength(RESPONSE_URL_USES);
    expect(RESPONSE_URL_USES).toBeLessThan(5);
    // Another URL has its own count.
    expect(urls.take('https://hooks.slack.com/b')).toBe(true);
  });

  it('stops granting once the URL is older than its lifetime (under 30 minutes)', () => {
    let now = 1_000;
    const urls = createResponseUrls(() => now);
    expect(urls.take('u')).toBe(true);
    now += RESPONSE_URL_LIFETIME_MS - 1;
    expect(urls.usable('u')).toBe(true);
    now += 1;
    expect(urls.take('u')).toBe(false);
    expect(RESPONSE_URL_LIFETIME_MS).toBeLessThan(30 * 60 * 1000);
  });

  it('follows a bounded number of URLs, forgetting expired ones and then the oldest', () => {
    let now = 0;
    const urls = createResponseUrls(() => now, 3);
    for (const url of ['a', 'b', 'c']) for (let i = 0; i < RESPONSE_URL_USES; i++) urls.take(url);
    expect(urls.usable('c')).toBe(false);
    now += 1;
    urls.take('d');
    // 'a' was the oldest: forgotten (a new count), 'c' still remembered as used up.
    expect(urls.usable('c')).toBe(false);
    now += RESPONSE_URL_LIFETIME_MS;
    expect(urls.take('e')).toBe(true);
  });
});
