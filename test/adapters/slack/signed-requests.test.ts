// Bolt's real HTTP receiver checks every request's signature: valid ones reach the engine, forged, unsigned,
// stale or altered ones get 401 and nothing behind them runs (no engine call, no Web API call).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoryEngine } from '../../../src/story/engine.ts';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { slashCommandBody } from '../../helpers/slack-payloads.ts';
import { signedHeaders, slackSignature } from '../../helpers/slack-signing.ts';

let harness: SlackHarness;
let engineCalls: string[];

function spyOnEngine(engine: StoryEngine): string[] {
  const calls: string[] = [];
  const methods = engine as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, value] of Object.entries(methods)) {
    if (typeof value !== 'function') continue;
    methods[name] = (...args: unknown[]) => {
      calls.push(name);
      return value.apply(engine, args);
    };
  }
  return calls;
}

beforeEach(async () => {
  harness = await startSlackHarness();
  engineCalls = spyOnEngine(harness.engine);
});
afterEach(async () => {
  await harness.close();
});

const body = () =>
  slashCommandBody({
    command: '/scene',
    text: 'start title:"The Heist" genre:noir',
    responseUrl: harness.api.responseUrl('R-signed'),
  });

describe('signed HTTP requests', () => {
  it('runs a correctly signed slash command', async () => {
    const signed = body();
    const answer = await harness.post(signed, signedHeaders(signed));
    expect(answer.status).toBe(200);
    await harness.idle();
    expect(engineCalls).toContain('startStory');
    const posted = harness.api.callsOf('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.args.channel).toBe('C0STORY');
    expect(String(posted[0]?.args.text)).toContain('The Heist');
  });

  it.each([
    [
      'has no signature',
      (raw: string) => ({ ...signedHeaders(raw), 'x-slack-signature': '' }),
      (raw: string) => raw,
    ],
    [
      'is signed with another secret',
      (raw: string) => signedHeaders(raw, { secret: 'not-the-secret' }),
      (raw: string) => raw,
    ],
    [
      'was changed after signing',
      (raw: string) => signedHeaders(raw),
      (raw: string) => raw.replace('The+Heist', 'The+Hoax'),
    ],
    [
      'is more than 5 minutes old',
      (raw: string) => {
        const old = Math.floor(Date.now() / 1000) - 6 * 60;
        return {
          ...signedHeaders(raw),
          'x-slack-request-timestamp': String(old),
          'x-slack-signature': slackSignature(raw, old),
        };
      },
      (raw: string) => raw,
    ],
  ])('refuses a request that %s with 401, and nothing runs', async (_what, headersOf, send) => {
    const raw = body();
    const answer = await harness.post(send(raw), headersOf(raw));
    expect(answer.status).toBe(401);
    await harness.idle();
    expect(engineCalls).toEqual([]);
    // Bolt checks its own token with auth.test as it starts (not awaited); nothing else reaches Slack.
    expect(harness.api.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });
});
