import { Client, Routes } from 'discord.js';
import Keyv from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discordConfigSchema } from '../../../src/adapters/discord/discord-config.ts';
import { InteractionAwareREST } from '../../../src/adapters/discord/interaction-rest.ts';
import { startDiscordAdapter } from '../../../src/adapters/discord/start-discord-adapter.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { systemClock } from '../../../src/story/clock.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import {
  ALICE,
  APP_ID,
  BOB,
  buttonClick,
  CHANNEL_ID,
  member,
  type Person,
  slashCommand,
} from '../../helpers/discord-payloads.ts';
import {
  discordLimits,
  fakeDiscordRest,
  type RecordedCall,
  rateLimitHeaders,
} from '../../helpers/discord-rest.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

// Discord's rate limits, enforced by the REST fake with Discord's headers: the global 50 a second per bot
// token, which interaction endpoints are not bound to, and per-route buckets. Real timers: the pacing under
// test is discord.js's own.

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const eventually = (assertion: () => unknown, timeout = 8000) =>
  vi.waitFor(assertion, { timeout, interval: 20 });

const voters = (count: number): Person[] =>
  Array.from({ length: count }, (_, n) => member(`14100000000000${String(n).padStart(5, '0')}`, `voter${n}`));

/** Starts a story and a two-option vote; the vote message's id and its buttons' custom ids. */
async function openVote(h: Harness) {
  await h.send(slashCommand('scene start', { title: 'The Long Night' }, ALICE));
  const open = slashCommand('vote open', { option1: 'Go left', option2: 'Go right', duration: '5m' }, ALICE);
  await h.send(open);
  const reply = h.rest.find('PATCH', new RegExp(`${open.token}/messages/@original$`)).at(-1);
  const buttons: { custom_id: string }[] = reply?.body.components[0].components ?? [];
  return { buttons: buttons.map((b) => b.custom_id), messageId: h.rest.originalId(open.token) ?? '' };
}

/** Edits of a vote message (an embed and no text) made at or after `after`. */
const voteEdits = (h: Harness, after: number) =>
  h.rest.calls.filter(
    (call) =>
      call.method === 'PATCH' &&
      call.at >= after &&
      call.status === 200 &&
      call.body?.embeds?.[0]?.title !== undefined &&
      !call.body.content,
  );

const countsOf = (edit: RecordedCall | undefined): string => edit?.body.embeds[0].description ?? '';

/** A busy bot's own traffic: one message in each of `count` channels, sent with the bot token. */
function botBacklog(h: Harness, count: number): Promise<unknown> {
  const channels = Array.from({ length: count }, (_, n) => `16000000000000${String(n).padStart(5, '0')}`);
  return Promise.all(
    channels.map((channelId) =>
      h.client.rest.post(Routes.channelMessages(channelId), { body: { content: 'meanwhile' } }),
    ),
  );
}

const botCalls = (h: Harness) => h.rest.calls.filter((call) => call.bot && call.path.endsWith('/messages'));
const rateLimitWarnings = (h: Harness) =>
  h.logs.filter((entry) => entry.level === 'warn' && /rate limit/i.test(entry.msg ?? ''));

describe('a burst of clicks under Discord rate limits', () => {
  it('confirms every click and redraws the count through interaction tokens while bot-token requests wait for the global limit', async () => {
    harness = await startHarness({ limits: discordLimits(), config: { voteEditMs: 250 } });
    const h = harness;
    const { buttons, messageId } = await openVote(h);
    const since = Date.now();
    // Three seconds of the bot's own requests at 50 a second, queued before the clicks arrive.
    const backlog = botBacklog(h, 150);
    await eventually(() => expect(botCalls(h).length).toBeGreaterThanOrEqual(50));

    const people = voters(30);
    const clicks = people.map((person, n) => buttonClick(buttons[n % 2] ?? '', messageId, person));
    await Promise.all(clicks.map((click) => h.send(click)));
    await backlog;

    // The bot's requests were paced: never over 50 in a second, so Discord never answered 429.
    expect(h.rest.calls.filter((call) => call.status === 429)).toEqual([]);
    const bot = botCalls(h);
    expect(bot).toHaveLength(150);
    const thirdSecond = bot[100]?.at ?? 0;
    expect(thirdSecond - (bot[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    // Every confirmation went out long before the backlog drained: none waited behind it.
    for (const click of clicks) {
      const confirmation = h.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${click.token}$`));
      expect(confirmation).toHaveLength(1);
      expect(confirmation[0]?.at).toBeLessThan(thirdSecond);
    }
    // So did the live count: the final tally was on the vote message before the backlog's third second.
    await eventually(() => expect(countsOf(voteEdits(h, since).at(-1))).toContain('30 votes so far'));
    const edits = voteEdits(h, since);
    const final = edits.find((edit) => countsOf(edit).includes('30 votes so far'));
    expect(final?.at).toBeLessThan(thirdSecond);
    expect(countsOf(edits.at(-1))).toContain('**A.** Go left · 15 votes');
    expect(countsOf(edits.at(-1))).toContain('**B.** Go right · 15 votes');
  });

  it('logs no rate-limit warning when only the client paced itself, and sums up its waits at debug', async () => {
    harness = await startHarness({ limits: discordLimits() });
    const h = harness;
    await botBacklog(h, 120);

    expect(h.rest.calls.filter((call) => call.status === 429)).toEqual([]);
    expect(rateLimitWarnings(h)).toEqual([]);
    await h.adapter.stop();
    const summaries = h.logs.filter((entry) => entry.msg === 'discord client paced its requests');
    expect(summaries).toHaveLength(1);
    const [summary] = summaries;
    expect(summary?.level).toBe('debug');
    const counts = summary?.obj as { waits: number; globalWaits: number; routes: Record<string, number> };
    // 120 requests at 50 a second: the 70 past the first second waited for the global limit.
    expect(counts.waits).toBeGreaterThanOrEqual(70);
    expect(counts.globalWaits).toBe(counts.waits);
    expect(Object.keys(counts.routes)).toEqual(['/channels/:id/messages']);
  });

  it('honours a global 429 from Discord, warns once with its route and retry time, and still answers clicks', async () => {
    harness = await startHarness({ limits: discordLimits(), config: { voteEditMs: 250 } });
    const h = harness;
    const { buttons, messageId } = await openVote(h);
    // Another shard with the same bot token has used this second's budget.
    h.rest.spendGlobal(50);
    const since = Date.now();
    const post = h.client.rest.post(Routes.channelMessages(CHANNEL_ID), { body: { content: 'hello' } });
    await eventually(() => expect(h.rest.calls.some((c) => c.at >= since && c.status === 429)).toBe(true));
    const click = buttonClick(buttons[0] ?? '', messageId, BOB);
    await h.send(click);
    await post;

    const posts = h.rest.find('POST', /^\/channels\/\d+\/messages$/).filter((c) => c.at >= since);
    expect(posts.map((c) => [c.status, c.limitedBy])).toEqual([
      [429, 'global'],
      [200, undefined],
    ]);
    const [refused, retried] = posts as [RecordedCall, RecordedCall];
    // Retry-After is whole seconds (1 here); discord.js waits it out before trying again.
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
    // The click's confirmation did not wait for the global limit: interaction endpoints are not bound by it.
    const confirmation = h.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${click.token}$`))[0];
    expect(confirmation?.at).toBeLessThan(retried.at);
    const warnings = rateLimitWarnings(h).map((entry) => entry.obj as { retryAfterSeconds: number });
    expect(warnings).toEqual([
      {
        method: 'POST',
        route: '/channels/:id/messages',
        retryAfterSeconds: expect.any(Number),
        global: true,
        scope: 'global',
      },
    ]);
    // The exact time from the body (what was left of the second), not the header's whole second.
    expect(warnings[0]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(warnings[0]?.retryAfterSeconds).toBeLessThanOrEqual(1);
  });

  it('holds only the interaction-token queue after a global 429 to an interaction request', async () => {
    harness = await startHarness({ limits: discordLimits(), config: { voteEditMs: 250 } });
    const h = harness;
    const { buttons, messageId } = await openVote(h);
    const first = buttonClick(buttons[0] ?? '', messageId, BOB);
    const second = buttonClick(buttons[1] ?? '', messageId, ALICE);
    const confirmationOf = (click: { token: string }) =>
      h.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${click.token}$`));
    // Discord documents no global limit for interaction endpoints; should one answer a global 429 anyway,
    // it is not the bot token's limit (they carry no token).
    h.rest.failNext(
      (call) => call.method === 'POST' && call.path === `/webhooks/${APP_ID}/${first.token}`,
      429,
      { message: 'You are being rate limited.', retry_after: 0.8, global: true },
      { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    );
    const since = Date.now();
    const answered = h.send(first);
    await eventually(() => expect(confirmationOf(first)[0]?.status).toBe(429));
    const post = h.client.rest.post(Routes.channelMessages(CHANNEL_ID), { body: { content: 'meanwhile' } });
    const secondAnswered = h.send(second);
    await Promise.all([answered, post, secondAnswered]);

    const [refused, retried] = confirmationOf(first) as [RecordedCall, RecordedCall];
    expect(retried.status).toBe(200);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
    // The bot token's request did not wait for it ...
    const botPost = h.rest.find('POST', /^\/channels\/\d+\/messages$/).find((c) => c.at >= since);
    expect(botPost?.status).toBe(200);
    expect(botPost?.at).toBeLessThan(retried.at);
    // ... while the interaction-token queue kept to it: the other click's confirmation waited it out.
    expect(confirmationOf(second)[0]?.at).toBeGreaterThanOrEqual(refused.at + 990);
    expect(rateLimitWarnings(h).map((entry) => entry.obj)).toMatchObject([
      { method: 'POST', route: '/webhooks/:id/:token', retryAfterSeconds: 0.8, global: true },
    ]);
  });
});

describe('rate limits in the log of the adapter as the app starts it (startDiscordAdapter)', () => {
  it('registers one rate-limit listener, which logs the client pacing itself only as a summary at debug', async () => {
    // No limits in the fake: the client as started sends without stampSendTime, so a burst would be judged by
    // when it arrived, bunched. discord.js paces itself to 50 a second all the same.
    const rest = fakeDiscordRest({ channelId: CHANNEL_ID, applicationId: APP_ID });
    let client: Client | undefined;
    // No gateway: the client never connects; logging in only hands its REST the token.
    const login = vi.spyOn(Client.prototype, 'login').mockImplementation(async function (
      this: Client,
      token,
    ) {
      client = this;
      this.rest.setToken(token ?? '');
      return token ?? '';
    });
    const logger = createRecordingLogger();
    const store = createKeyvEventStore(new Keyv());
    const engine = createStoryEngine({
      store,
      narrator: createOfflineNarrator(),
      clock: systemClock,
      logger,
    });
    try {
      const adapter = await startDiscordAdapter({
        token: 'test-token',
        engine,
        store,
        logger,
        config: discordConfigSchema.parse({}),
      });
      expect(login).toHaveBeenCalledTimes(1);
      const started = client as Client;
      expect(started.rest.listenerCount('rateLimited')).toBe(1);

      // 120 of the bot's own requests at 50 a second: 70 of them wait for the global limit.
      const channels = Array.from({ length: 120 }, (_, n) => `16100000000000${String(n).padStart(5, '0')}`);
      await Promise.all(
        channels.map((channelId) =>
          started.rest.post(Routes.channelMessages(channelId), { body: { content: 'meanwhile' } }),
        ),
      );
      expect(rest.calls).toHaveLength(120);
      expect(logger.entries.filter((entry) => entry.level === 'warn')).toEqual([]);
      await adapter.stop();
      const paced = logger.entries.filter((entry) => /rate limit|paced/i.test(entry.msg ?? ''));
      expect(paced).toMatchObject([{ level: 'debug', msg: 'discord client paced its requests' }]);
      expect((paced[0]?.obj as { waits?: number } | undefined)?.waits).toBeGreaterThanOrEqual(70);
    } finally {
      login.mockRestore();
      engine.stop();
      rest.stop();
    }
  });
});

describe('live counts under a rate limit', () => {
  it('sends a count edit held by a 429 with the votes cast while it waited', async () => {
    harness = await startHarness({ config: { voteEditMs: 50 } });
    const h = harness;
    const { buttons, messageId } = await openVote(h);
    const countEdit = (call: RecordedCall) =>
      call.method === 'PATCH' && call.body?.embeds?.[0]?.title === 'What happens next?';
    h.rest.failNext(
      countEdit,
      429,
      { message: 'You are being rate limited.', retry_after: 0.5, global: false },
      // Discord's Retry-After header is whole seconds (discord.js waits by it); the body has the exact time.
      { ...rateLimitHeaders(0.5), 'retry-after': '1' },
    );
    const since = Date.now();
    await h.send(buttonClick(buttons[0] ?? '', messageId, BOB));
    await eventually(() => expect(h.rest.calls.some((c) => c.at >= since && c.status === 429)).toBe(true));
    const refused = h.rest.calls.find((c) => c.at >= since && c.status === 429);
    for (const person of voters(3)) await h.send(buttonClick(buttons[1] ?? '', messageId, person));

    // The retry of the refused edit is drawn when it goes out: it already shows the three later votes.
    await eventually(() => expect(voteEdits(h, since).length).toBeGreaterThan(0));
    const retried = voteEdits(h, since).find((edit) => edit.path === refused?.path);
    expect(countsOf(retried)).toContain('4 votes so far');
    expect(rateLimitWarnings(h).map((entry) => entry.obj)).toMatchObject([
      {
        method: 'PATCH',
        route: '/webhooks/:id/:token/messages/%40original',
        retryAfterSeconds: 0.5,
        global: false,
      },
    ]);
  });
});

describe('live counts on several messages', () => {
  it("edits a vote's messages in parallel, so one held by a 429 does not hold the others", async () => {
    harness = await startHarness({ config: { voteEditMs: 50 } });
    const h = harness;
    const { buttons, messageId } = await openVote(h);
    // The vote is shown on a second message too; each click remembers the message it was on, with its token.
    const otherMessageId = '1500000000000000777';
    const onFirst = buttonClick(buttons[0] ?? '', messageId, BOB);
    await h.send(onFirst);
    await h.send(buttonClick(buttons[1] ?? '', otherMessageId, ALICE));
    const firstPath = `/webhooks/${APP_ID}/${onFirst.token}/messages/@original`;
    const shown = (path: string, text: string) =>
      voteEdits(h, 0).some((edit) => edit.path === path && countsOf(edit).includes(text));
    await eventually(() => expect(shown(firstPath, '2 votes so far')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 100));

    h.rest.failNext(
      (call) => call.method === 'PATCH' && call.path === firstPath,
      429,
      { message: 'You are being rate limited.', retry_after: 1, global: false },
      rateLimitHeaders(1),
    );
    const since = Date.now();
    const third = buttonClick(buttons[0] ?? '', otherMessageId, voters(1)[0] as Person);
    await h.send(third);
    const otherPath = `/webhooks/${APP_ID}/${third.token}/messages/@original`;
    await eventually(() => expect(shown(firstPath, '3 votes so far')).toBe(true));

    const edits = voteEdits(h, since);
    const retried = edits.find((edit) => edit.path === firstPath);
    const other = edits.find((edit) => edit.path === otherPath);
    expect(h.rest.calls.find((call) => call.at >= since && call.status === 429)?.path).toBe(firstPath);
    expect(countsOf(other)).toContain('3 votes so far');
    // The other message's edit went out while the first waited for its retry, not after it.
    expect(other?.at).toBeLessThan((retried?.at ?? 0) - 500);
  });
});

describe('which requests skip the global pacing (interaction-rest.ts)', () => {
  it('is only what an interaction token opens: its callback, original response and follow-ups', () => {
    const rest = new InteractionAwareREST();
    rest.addApplicationId(APP_ID);
    const sends = (fullRoute: `/${string}`, auth = false) => rest.isInteractionRequest({ fullRoute, auth });

    expect(sends(Routes.interactionCallback('1500000000000000009', 'tok'))).toBe(true);
    expect(sends(Routes.webhookMessage(APP_ID, 'tok'))).toBe(true);
    expect(sends(Routes.webhookMessage(APP_ID, 'tok', '1500000000000000010'))).toBe(true);
    expect(sends(Routes.webhook(APP_ID, 'tok'))).toBe(true);
    // A channel webhook (character voices) counts against the global limit, as does anything with the bot token.
    expect(sends(Routes.webhook('1500000000000000011', 'secret'))).toBe(false);
    expect(sends(Routes.channelMessages(CHANNEL_ID), true)).toBe(false);
    expect(sends(Routes.webhook(APP_ID), true)).toBe(false);
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  });
});
