import {
  type APIPublicThreadChannel,
  type APIWebhook,
  MessageFlags,
  PermissionFlagsBits,
  WebhookType,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { VOICES_NEED_PERMISSION } from '../../../src/adapters/discord/show-voiced-reply.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import {
  ALICE,
  APP_ID,
  CHANNEL_ID,
  deliverGuild,
  GUILD_ID,
  inThread,
  MOD,
  type Person,
  publicThread,
  slashCommand,
} from '../../helpers/discord-payloads.ts';

let harness: Harness;
afterEach(() => harness.close());

const callback = (payload: { id: string; token: string }) =>
  `/interactions/${payload.id}/${payload.token}/callback`;
const original = (payload: { token: string }) => `/webhooks/${APP_ID}/${payload.token}/messages/@original`;
const WEBHOOKS = `/channels/${CHANNEL_ID}/webhooks`;

/** A slash command from a channel where storyroom has Manage Webhooks (or not, as the payload says). */
function command(
  name: string,
  options: Record<string, string | number | boolean>,
  person: Person,
  { manageWebhooks = true } = {},
) {
  const payload = slashCommand(name, options, person);
  const permissions = BigInt(payload.app_permissions);
  return {
    ...payload,
    app_permissions: String(manageWebhooks ? permissions | PermissionFlagsBits.ManageWebhooks : permissions),
  };
}

/** Starts the story room of the channel, or of a thread when one is given. */
async function startRoom(h: Harness, voices: boolean, thread?: APIPublicThreadChannel) {
  const at = <Payload extends ReturnType<typeof command>>(payload: Payload) =>
    thread ? inThread(payload, thread) : payload;
  await h.send(at(command('scene start', { title: 'The Long Night' }, ALICE)));
  await h.send(at(command('character add', { name: 'Nora', description: 'A night-shift cook' }, ALICE)));
  if (voices) await h.send(at(command('room settings', { character_voices: true }, MOD)));
}

/** Requests made for one interaction, and the webhook requests it caused. */
const callsOf = (h: Harness, payload: { token: string; id: string }, from: number) =>
  h.rest.calls
    .slice(from)
    .filter(
      (call) =>
        call.path.includes(payload.token) ||
        call.path.startsWith(WEBHOOKS) ||
        /^\/webhooks\/\d+\/(webhook-secret|existing-secret)/.test(call.path),
    )
    // The query shows wait=true on webhook posts; the callback's with_response=false is left out.
    .map((call) => `${call.method} ${call.path}${call.query.replace('?with_response=false', '')}`);

describe('character voices', () => {
  it('creates the channel webhook once and posts each new line under the character’s name', async () => {
    harness = await startHarness();
    await startRoom(harness, true);
    const say = command(
      'say',
      { character: 'Nora', text: '# Order up! @everyone', parenthetical: 'shouting' },
      ALICE,
    );
    const from = harness.rest.calls.length;

    await harness.send(say);

    const [created] = harness.rest.webhooks(CHANNEL_ID);
    const execute = `/webhooks/${created?.id}/${created?.token}`;
    expect(callsOf(harness, say, from)).toEqual([
      `POST ${callback(say)}`,
      `GET ${WEBHOOKS}`,
      `POST ${WEBHOOKS}`,
      `PATCH ${original(say)}`,
      `POST ${execute}?wait=true`,
    ]);
    expect(harness.rest.find('POST', new RegExp(`^${WEBHOOKS}$`))[0]?.body).toEqual({ name: 'storyroom' });
    expect(harness.rest.find('POST', new RegExp(`^${execute}$`))[0]?.body).toEqual({
      content: '*(shouting)*\n\\# Order up! @everyone',
      username: 'Nora',
      allowed_mentions: { parse: [] },
    });
    expect(harness.rest.find('PATCH', new RegExp(original(say)))[0]?.body).toMatchObject({
      content: '-# 🎭 **NORA** speaks below.',
      allowed_mentions: { parse: [] },
    });

    // The next line goes through the cached webhook: no lookup, no second webhook.
    const again = command('say', { character: 'Nora', text: 'Table four.' }, ALICE);
    const next = harness.rest.calls.length;
    await harness.send(again);
    expect(callsOf(harness, again, next)).toEqual([
      `POST ${callback(again)}`,
      `PATCH ${original(again)}`,
      `POST ${execute}?wait=true`,
    ]);
    expect(harness.rest.webhooks(CHANNEL_ID)).toHaveLength(1);
  });

  it('reuses the "storyroom" webhook this application made, not another app’s or another name', async () => {
    harness = await startHarness();
    await startRoom(harness, true);
    const hook = (id: string, name: string, applicationId: string, token: string): APIWebhook => ({
      id,
      type: WebhookType.Incoming,
      channel_id: CHANNEL_ID,
      name,
      avatar: null,
      application_id: applicationId,
      token,
    });
    harness.rest
      .webhooks(CHANNEL_ID)
      .push(
        hook('1700000000000000001', 'storyroom', '1300000000000000999', 'other-app-secret'),
        hook('1700000000000000002', 'Captain Hook', APP_ID, 'other-name-secret'),
        hook('1700000000000000003', 'storyroom', APP_ID, 'existing-secret'),
      );
    const say = command('say', { character: 'Nora', text: 'Order up!' }, ALICE);
    const from = harness.rest.calls.length;

    await harness.send(say);

    expect(callsOf(harness, say, from)).toEqual([
      `POST ${callback(say)}`,
      `GET ${WEBHOOKS}`,
      `PATCH ${original(say)}`,
      `POST /webhooks/1700000000000000003/existing-secret?wait=true`,
    ]);
  });

  it('shows the line as usual when Discord answers 403, and tells a moderator once', async () => {
    harness = await startHarness();
    await startRoom(harness, true);
    harness.rest.failNext((call) => call.method === 'GET' && call.path === WEBHOOKS, 403, {
      message: 'Missing Permissions',
      code: 50013,
    });
    const say = command('say', { character: 'Nora', text: 'Order up!' }, MOD);
    const from = harness.rest.calls.length;

    await harness.send(say);

    expect(callsOf(harness, say, from)).toEqual([
      `POST ${callback(say)}`,
      `GET ${WEBHOOKS}`,
      `PATCH ${original(say)}`,
      `POST /webhooks/${APP_ID}/${say.token}?wait=true`,
    ]);
    expect(harness.rest.find('PATCH', new RegExp(original(say)))[0]?.body.content).toBe(
      '> **NORA**\n> Order up!',
    );
    expect(
      harness.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${say.token}$`))[0]?.body,
    ).toMatchObject({
      content: sharedTranslator().translate('en', VOICES_NEED_PERMISSION),
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });

    // Not asked again for a while, and the moderator is not told twice.
    const again = command('say', { character: 'Nora', text: 'Table four.' }, MOD);
    const next = harness.rest.calls.length;
    await harness.send(again);
    expect(callsOf(harness, again, next)).toEqual([`POST ${callback(again)}`, `PATCH ${original(again)}`]);
  });

  it('never asks Discord when the interaction shows storyroom lacks Manage Webhooks; members are not told', async () => {
    harness = await startHarness();
    await startRoom(harness, true);
    const say = command('say', { character: 'Nora', text: 'Order up!' }, ALICE, { manageWebhooks: false });
    const from = harness.rest.calls.length;

    await harness.send(say);

    expect(callsOf(harness, say, from)).toEqual([`POST ${callback(say)}`, `PATCH ${original(say)}`]);
    expect(harness.rest.find('PATCH', new RegExp(original(say)))[0]?.body.content).toBe(
      '> **NORA**\n> Order up!',
    );
  });

  it('posts a line as usual when the webhook was deleted, looks it up again next time, and never logs its token', async () => {
    harness = await startHarness();
    await startRoom(harness, true);
    await harness.send(command('say', { character: 'Nora', text: 'One.' }, ALICE));
    const [created] = harness.rest.webhooks(CHANNEL_ID);
    harness.rest.webhooks(CHANNEL_ID).splice(0);
    harness.rest.failNext(
      (call) => call.method === 'POST' && call.path === `/webhooks/${created?.id}/${created?.token}`,
      404,
      { message: 'Unknown Webhook', code: 10015 },
    );
    const say = command('say', { character: 'Nora', text: 'Two.' }, ALICE);

    await harness.send(say);

    // The line follows the pointer as a normal follow-up: the text is complete, in order.
    const followUp = harness.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${say.token}$`))[0];
    expect(followUp?.body).toMatchObject({ content: '> **NORA**\n> Two.', allowed_mentions: { parse: [] } });
    expect(followUp?.body.flags ?? 0).toBe(0);
    const warning = harness.logs.find((log) => log.msg?.startsWith('a character line could not be posted'));
    const logged = (warning?.obj ?? {}) as { err?: Error };
    expect(String(logged.err?.message)).toContain(`/webhooks/${created?.id}/:token`);
    expect(
      JSON.stringify(harness.logs, (_key, value) => (value instanceof Error ? value.message : value)),
    ).not.toContain(created?.token);

    const three = command('say', { character: 'Nora', text: 'Three.' }, ALICE);
    await harness.send(three);
    expect(harness.rest.find('GET', new RegExp(`^${WEBHOOKS}$`))).toHaveLength(2);
    expect(harness.rest.webhooks(CHANNEL_ID)).toHaveLength(1);
  });

  it('does not voice a line again when a reply only restates it (undo)', async () => {
    harness = await startHarness();
    await startRoom(harness, true);
    await harness.send(command('say', { character: 'Nora', text: 'One.' }, ALICE));
    await harness.send(command('say', { character: 'Nora', text: 'Two.' }, ALICE));
    const undo = command('scene undo', {}, MOD);
    const from = harness.rest.calls.length;

    await harness.send(undo);

    expect(callsOf(harness, undo, from)).toEqual([`POST ${callback(undo)}`, `PATCH ${original(undo)}`]);
    expect(harness.rest.find('PATCH', new RegExp(original(undo)))[0]?.body.content).toBe(
      'mod took back the last beat. The story now ends here:\n\n> **NORA**\n> One.',
    );
  });

  it('changes nothing when the setting is off', async () => {
    harness = await startHarness();
    await startRoom(harness, false);
    const say = command('say', { character: 'Nora', text: 'Order up!' }, ALICE);
    const from = harness.rest.calls.length;

    await harness.send(say);

    expect(harness.rest.calls.slice(from).map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST ${callback(say)}`,
      `PATCH ${original(say)}`,
    ]);
    expect(harness.rest.find('PATCH', new RegExp(original(say)))[0]?.body.content).toBe(
      '> **NORA**\n> Order up!',
    );
  });
});

describe('character voices in a thread', () => {
  const THREAD = publicThread('1300000000000000011', CHANNEL_ID, 'the-back-kitchen', ALICE);
  const OTHER_THREAD = publicThread('1300000000000000012', CHANNEL_ID, 'the-dining-room', ALICE);
  const say = (text: string, thread?: APIPublicThreadChannel, person: Person = ALICE) => {
    const payload = command('say', { character: 'Nora', text }, person);
    return thread ? inThread(payload, thread) : payload;
  };

  /** Every request made since `from`, with its query; the callback's with_response=false is left out. */
  const requestsSince = (h: Harness, from: number) =>
    h.rest.calls
      .slice(from)
      .map((call) => `${call.method} ${call.path}${call.query.replace('?with_response=false', '')}`);

  /** The room's lines, as the engine stored them. */
  const linesOf = async (h: Harness, channelId: string) => {
    const room = await h.engine.room({ platform: 'discord', workspaceId: GUILD_ID, channelId });
    return Object.values(room.beats).flatMap((beat) =>
      beat.character ? [`${beat.character}: ${beat.text}`] : [],
    );
  };

  it('posts the line through the parent channel’s webhook into the thread, asking Discord once what the thread is', async () => {
    harness = await startHarness();
    harness.rest.addThread(THREAD);
    await startRoom(harness, true, THREAD);
    const first = say('Order up! @here', THREAD);
    const from = harness.rest.calls.length;

    await harness.send(first);

    // The client never saw this thread (no GUILD_CREATE), so only the interaction's payload names it.
    const [created] = harness.rest.webhooks(CHANNEL_ID);
    const execute = `/webhooks/${created?.id}/${created?.token}`;
    expect(requestsSince(harness, from)).toEqual([
      `POST ${callback(first)}`,
      `GET /channels/${THREAD.id}`,
      `GET ${WEBHOOKS}`,
      `POST ${WEBHOOKS}`,
      `PATCH ${original(first)}`,
      `POST ${execute}?wait=true&thread_id=${THREAD.id}`,
    ]);
    expect(harness.rest.find('POST', new RegExp(`^${execute}$`))[0]?.body).toEqual({
      content: 'Order up! @here',
      username: 'Nora',
      allowed_mentions: { parse: [] },
    });
    expect(await linesOf(harness, THREAD.id)).toEqual(['Nora: Order up! @here']);
    expect(await linesOf(harness, CHANNEL_ID)).toEqual([]);

    // What the thread is, and the parent's webhook, are both remembered.
    const again = say('Table four.', THREAD);
    const next = harness.rest.calls.length;
    await harness.send(again);
    expect(requestsSince(harness, next)).toEqual([
      `POST ${callback(again)}`,
      `PATCH ${original(again)}`,
      `POST ${execute}?wait=true&thread_id=${THREAD.id}`,
    ]);
  });

  it('uses the thread the client has cached from GUILD_CREATE without asking Discord what it is', async () => {
    harness = await startHarness();
    harness.rest.addThread(THREAD);
    deliverGuild(harness.client, [THREAD]);
    await startRoom(harness, true, THREAD);
    const line = say('Order up!', THREAD);
    const from = harness.rest.calls.length;

    await harness.send(line);

    const [created] = harness.rest.webhooks(CHANNEL_ID);
    expect(requestsSince(harness, from)).toEqual([
      `POST ${callback(line)}`,
      `GET ${WEBHOOKS}`,
      `POST ${WEBHOOKS}`,
      `PATCH ${original(line)}`,
      `POST /webhooks/${created?.id}/${created?.token}?wait=true&thread_id=${THREAD.id}`,
    ]);
  });

  it('keeps each thread and the parent channel separate rooms, sharing the parent’s one webhook', async () => {
    harness = await startHarness();
    harness.rest.addThread(THREAD);
    harness.rest.addThread(OTHER_THREAD);
    await startRoom(harness, true, THREAD);
    await harness.send(say('One.', THREAD));
    await startRoom(harness, true, OTHER_THREAD);
    const other = say('Two.', OTHER_THREAD);
    const from = harness.rest.calls.length;

    await harness.send(other);

    const [created] = harness.rest.webhooks(CHANNEL_ID);
    expect(requestsSince(harness, from)).toEqual([
      `POST ${callback(other)}`,
      `GET /channels/${OTHER_THREAD.id}`,
      `PATCH ${original(other)}`,
      `POST /webhooks/${created?.id}/${created?.token}?wait=true&thread_id=${OTHER_THREAD.id}`,
    ]);
    expect(harness.rest.webhooks(CHANNEL_ID)).toHaveLength(1);
    expect(await linesOf(harness, THREAD.id)).toEqual(['Nora: One.']);
    expect(await linesOf(harness, OTHER_THREAD.id)).toEqual(['Nora: Two.']);

    // The parent channel's room has its own settings: voices are off there until turned on there.
    await startRoom(harness, false);
    const inParent = say('Three.');
    const next = harness.rest.calls.length;
    await harness.send(inParent);
    expect(requestsSince(harness, next)).toEqual([
      `POST ${callback(inParent)}`,
      `PATCH ${original(inParent)}`,
    ]);
    expect(harness.rest.find('PATCH', new RegExp(original(inParent)))[0]?.body.content).toBe(
      '> **NORA**\n> Three.',
    );
    expect(await linesOf(harness, CHANNEL_ID)).toEqual(['Nora: Three.']);
  });

  it('shows the line as usual when Discord will not say what the thread is, and does not ask again for a while', async () => {
    harness = await startHarness();
    harness.rest.addThread(THREAD);
    await startRoom(harness, true, THREAD);
    harness.rest.failNext((call) => call.method === 'GET' && call.path === `/channels/${THREAD.id}`, 403, {
      message: 'Missing Access',
      code: 50001,
    });
    const line = say('Order up!', THREAD, MOD);
    const from = harness.rest.calls.length;

    await harness.send(line);

    // Not a missing Manage Webhooks: the moderator is not told to grant it.
    expect(requestsSince(harness, from)).toEqual([
      `POST ${callback(line)}`,
      `GET /channels/${THREAD.id}`,
      `PATCH ${original(line)}`,
    ]);
    expect(harness.rest.find('PATCH', new RegExp(original(line)))[0]?.body.content).toBe(
      '> **NORA**\n> Order up!',
    );

    const again = say('Table four.', THREAD, MOD);
    const next = harness.rest.calls.length;
    await harness.send(again);
    expect(requestsSince(harness, next)).toEqual([`POST ${callback(again)}`, `PATCH ${original(again)}`]);
  });
});
