import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, publicReply, text } from '../../../src/commands/command.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { ALICE, APP_ID, CHANNEL_ID, GUILD_ID, slashCommand } from '../../helpers/discord-payloads.ts';
import type { RecordedCall } from '../../helpers/discord-rest.ts';

// The interaction token lasts 15 minutes. Tests move the adapter's clock past it (a skew on `now`) while a
// generation is running; Discord itself would refuse the token with 401 / 50027 Invalid Webhook Token.

let harness: Harness;
afterEach(() => harness.close());

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const WRITING = '\n-# ✍️ writing…';
const original = (token: string) => `/webhooks/${APP_ID}/${token}/messages/@original`;
const followUps = (token: string) => `/webhooks/${APP_ID}/${token}`;
const CHANNEL_MESSAGES = `/channels/${CHANNEL_ID}/messages`;
const channelMessage = (id: string | undefined) => `${CHANNEL_MESSAGES}/${id}`;
const link = (id: string | undefined) => `https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID}/${id}`;
/** About 1,200 characters: one fits in a message, two do not. */
const paragraph = (n: number) => `${`Part ${n} ${'the tide comes in '.repeat(66)}`.trim()}.`;

/** Every request from the given one on, as "METHOD path". */
const requestsFrom = (h: Harness, first: RecordedCall | undefined) =>
  h.rest.calls
    .slice(first ? h.rest.calls.indexOf(first) : h.rest.calls.length)
    .map((c) => `${c.method} ${c.path}`);

/** Requests that used the interaction token after the given one. */
const tokenUseAfter = (h: Harness, call: RecordedCall | undefined, token: string) =>
  h.rest.calls.slice(call ? h.rest.calls.indexOf(call) + 1 : 0).filter((c) => c.path.includes(token));

/** A harness whose narrator writes `pieces`, the interaction token running out just before piece `expireAt`. */
function expiringHarness(options: {
  pieces: string[];
  pauseMs: number;
  expireAt: number;
  failWith?: Error;
}): Promise<Harness> {
  let skew = 0;
  const { expireAt, ...script } = options;
  return startHarness({
    narrator: scriptedNarrator({
      ...script,
      beforePiece: (index) => {
        if (index === expireAt) skew = FIFTEEN_MINUTES;
      },
    }),
    config: { streamEditMs: 10 },
    now: () => Date.now() + skew,
  });
}

async function startStory(h: Harness) {
  await h.send(slashCommand('scene start', { title: 'The Long Night' }, ALICE));
}

describe('a generation that outlives the 15-minute interaction token', () => {
  it('posts the end as a channel message and turns the stale preview into a link to it', async () => {
    harness = await expiringHarness({
      pieces: ['The rain ', 'stops. ', 'Nobody ', 'moves.'],
      pauseMs: 20,
      expireAt: 2,
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const preview = harness.rest.find('PATCH', new RegExp(`^${original(payload.token)}$`)).at(-1);
    expect(preview?.body.content).toMatch(/^The rain.*\n-# ✍️ writing…$/s);
    const [posted, ...more] = harness.rest.find('POST', new RegExp(`^${CHANNEL_MESSAGES}$`));
    expect(more).toEqual([]);
    expect(posted?.body).toMatchObject({
      content: 'The rain stops. Nobody moves.',
      allowed_mentions: { parse: [] },
    });
    const originalId = harness.rest.originalId(payload.token);
    expect(requestsFrom(harness, posted)).toEqual([
      `POST ${CHANNEL_MESSAGES}`,
      `PATCH ${channelMessage(originalId)}`,
    ]);
    expect(harness.rest.calls.at(-1)?.body).toEqual({
      content: `-# ⏱️ This took longer than Discord keeps a reply open, so it continues in a new message: ${link(posted?.responseId)}`,
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
    });
    expect(tokenUseAfter(harness, preview, payload.token)).toEqual([]);
  });

  it('posts every part of a long beat in order and removes the preview’s follow-ups', async () => {
    const [p1, p2, p3] = [1, 2, 3].map(paragraph);
    harness = await expiringHarness({
      pieces: [p1 ?? '', `\n\n${p2}`, `\n\n${p3}`, ' The end.'],
      pauseMs: 60,
      expireAt: 3,
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const previewFollowUps = harness.rest.find('POST', new RegExp(`^${followUps(payload.token)}$`));
    expect(previewFollowUps.map((call) => call.body.content)).toEqual([`${p2}${WRITING}`]);
    const posted = harness.rest.find('POST', new RegExp(`^${CHANNEL_MESSAGES}$`));
    expect(posted.map((call) => call.body.content)).toEqual([p1, p2, `${p3} The end.`]);
    expect(requestsFrom(harness, posted[0])).toEqual([
      `POST ${CHANNEL_MESSAGES}`,
      `POST ${CHANNEL_MESSAGES}`,
      `POST ${CHANNEL_MESSAGES}`,
      `PATCH ${channelMessage(harness.rest.originalId(payload.token))}`,
      `DELETE ${channelMessage(previewFollowUps[0]?.responseId)}`,
    ]);
    expect(harness.rest.calls.at(-2)?.body.content).toContain(link(posted[0]?.responseId));
    for (const call of requestsWithBody(harness, posted[0])) {
      expect(call.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('moves to the channel when Discord refuses the token part-way (401, Invalid Webhook Token)', async () => {
    const [p1, p2, p3] = [1, 2, 3].map(paragraph);
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces: [p1 ?? '', `\n\n${p2}`, `\n\n${p3}`], pauseMs: 60 }),
      config: { streamEditMs: 10 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);
    // The final reply's first message is edited; editing the second (a preview follow-up) is refused.
    harness.rest.failNext(
      (call) =>
        call.method === 'PATCH' &&
        call.path.startsWith(`${followUps(payload.token)}/messages/`) &&
        call.body.content === p2,
      401,
      { message: 'Invalid Webhook Token', code: 50027 },
    );

    await harness.send(payload);

    const refused = harness.rest.calls.find((call) => call.status === 401);
    expect(refused).toBeDefined();
    const finalOriginal = harness.rest.find('PATCH', new RegExp(`^${original(payload.token)}$`)).at(-1);
    expect(finalOriginal).toMatchObject({ status: 200, body: { content: p1 } });
    // The rest of the beat follows in the channel, in order, and every stale preview follow-up is removed.
    const posted = harness.rest.find('POST', new RegExp(`^${CHANNEL_MESSAGES}$`));
    expect(posted.map((call) => call.body.content)).toEqual([p2, p3]);
    const previewFollowUps = harness.rest
      .find('POST', new RegExp(`^${followUps(payload.token)}$`))
      .filter((call) => call.status === 200);
    expect(previewFollowUps.length).toBeGreaterThanOrEqual(1);
    expect(requestsFrom(harness, posted[0])).toEqual([
      `POST ${CHANNEL_MESSAGES}`,
      `POST ${CHANNEL_MESSAGES}`,
      ...previewFollowUps.map((call) => `DELETE ${channelMessage(call.responseId)}`),
    ]);
    expect(tokenUseAfter(harness, refused, payload.token)).toEqual([]);
  });

  it('tells the channel, without the error’s details, when the generation fails after the token expired', async () => {
    harness = await expiringHarness({
      pieces: ['The rain ', 'stops. ', 'Nobody '],
      pauseMs: 20,
      expireAt: 2,
      failWith: new Error('upstream 500 from http://secret-model-host'),
    });
    await startStory(harness);
    const beatsBefore = Object.keys((await roomOf(harness)).beats).length;
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const [notice, ...more] = harness.rest.find('POST', new RegExp(`^${CHANNEL_MESSAGES}$`));
    expect(more).toEqual([]);
    expect(notice?.body).toEqual({
      content:
        `⚠️ <@${ALICE.id}>, your /scene continue took longer than Discord keeps a reply open and then failed, ` +
        'so nothing was saved. Run /scene continue again to try once more.',
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
    });
    // The half-written preview of a beat that was never saved goes.
    expect(requestsFrom(harness, notice)).toEqual([
      `POST ${CHANNEL_MESSAGES}`,
      `DELETE ${channelMessage(harness.rest.originalId(payload.token))}`,
    ]);
    expect(JSON.stringify(harness.rest.calls)).not.toContain('secret-model-host');
    expect(tokenUseAfter(harness, notice, payload.token)).toEqual([]);
    expect(Object.keys((await roomOf(harness)).beats)).toHaveLength(beatsBefore);
  });

  describe('a private command', () => {
    const channelCalls = (h: Harness) => h.rest.calls.filter((call) => call.path.startsWith('/channels/'));

    it('drops its reply and logs it: what someone asked privately is never posted publicly', async () => {
      let skew = 0;
      const offline = createOfflineNarrator();
      harness = await startHarness({
        narrator: {
          ...offline,
          async critique(request, options) {
            skew = FIFTEEN_MINUTES;
            if (!offline.critique) throw new Error('the offline narrator reviews scripts');
            return offline.critique(request, options);
          },
        },
        now: () => Date.now() + skew,
      });
      await startStory(harness);
      await harness.send(slashCommand('action', { text: 'The door creaks.' }, ALICE));
      const payload = slashCommand('critique', {}, ALICE);

      await harness.send(payload);

      expect(harness.rest.calls.filter((call) => call.path.includes(payload.token))).toHaveLength(1);
      expect(channelCalls(harness)).toEqual([]);
      expect(harness.logs.some((log) => log.msg?.startsWith('a private reply came after'))).toBe(true);
    });

    it('tells nobody publicly when it fails after the token expired', async () => {
      let skew = 0;
      const offline = createOfflineNarrator();
      harness = await startHarness({
        narrator: {
          ...offline,
          async critique() {
            skew = FIFTEEN_MINUTES;
            throw new Error('the model is down');
          },
        },
        now: () => Date.now() + skew,
      });
      await startStory(harness);
      await harness.send(slashCommand('action', { text: 'The door creaks.' }, ALICE));
      const payload = slashCommand('critique', {}, ALICE);

      await harness.send(payload);

      expect(harness.rest.calls.filter((call) => call.path.includes(payload.token))).toHaveLength(1);
      expect(channelCalls(harness)).toEqual([]);
      expect(
        harness.logs.some((log) => log.msg?.startsWith('an interaction failed after its token expired')),
      ).toBe(true);
    });

    it('keeps a public reply of a privately deferred command out of the channel', async () => {
      let skew = 0;
      const whisper = defineCommand({
        name: 'whisper',
        description: 'Answers privately, but its reply says public',
        options: z.object({}),
        access: 'everyone',
        replies: 'private',
        slow: true,
        async execute() {
          skew = FIFTEEN_MINUTES;
          return publicReply(text('between you and me'));
        },
      });
      harness = await startHarness({ commands: [...commands, whisper], now: () => Date.now() + skew });
      const payload = slashCommand('whisper', {}, ALICE);

      await harness.send(payload);

      const [deferred, ...rest] = harness.rest.calls.filter((call) => call.path.includes(payload.token));
      expect(deferred?.body.data.flags).toBe(MessageFlags.Ephemeral);
      expect(rest).toEqual([]);
      expect(channelCalls(harness)).toEqual([]);
      expect(JSON.stringify(harness.rest.calls)).not.toContain('between you and me');
    });
  });
});

/** Requests with a JSON body from the given one on. */
function requestsWithBody(h: Harness, first: RecordedCall | undefined) {
  return h.rest.calls.slice(first ? h.rest.calls.indexOf(first) : 0).filter((call) => call.body);
}

function roomOf(h: Harness) {
  return h.engine.room({ platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID });
}
