import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERIC_ERROR as GENERIC_ERROR_MESSAGE } from '../../../src/commands/run-command.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { ALICE, APP_ID, CHANNEL_ID, GUILD_ID, MOD, slashCommand } from '../../helpers/discord-payloads.ts';

const GENERIC_ERROR = sharedTranslator().translate('en', GENERIC_ERROR_MESSAGE);

// Once a command has run, its change is stored. If Discord then refuses part of the reply, "try again"
// would repeat the change: what was shown stays, and the person is told privately that it was saved.

let harness: Harness;
afterEach(() => harness.close());

const followUps = (token: string) => `/webhooks/${APP_ID}/${token}`;
const ROOM = { platform: 'discord' as const, workspaceId: GUILD_ID, channelId: CHANNEL_ID };
const INVALID_FORM = { message: 'Invalid Form Body', code: 50035 };

/** Requests made with the interaction's token, as "METHOD path". */
const requestsOf = (h: Harness, token: string) =>
  h.rest.calls.filter((call) => call.path.includes(token)).map((call) => `${call.method} ${call.path}`);

/** Logs as JSON, errors by their message. */
const loggedText = (h: Harness) =>
  JSON.stringify(h.logs, (_key, value) => (value instanceof Error ? value.message : value));

describe('a reply Discord refuses after the change is stored', () => {
  it('keeps a long beat’s first message and says privately that the beat was saved', async () => {
    const paragraph = (n: number) => `${`Paragraph ${n} ${'rain on the neon '.repeat(50)}`.trim()}.`;
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces: ['It begins. ', text], pauseMs: 20 }),
      config: { streamEditMs: 10_000 },
    });
    await harness.send(slashCommand('scene start', { title: 'The Long Night' }, ALICE));
    const beatsBefore = Object.keys((await harness.engine.room(ROOM)).beats).length;
    const payload = slashCommand('scene continue', {}, ALICE);
    harness.rest.failNext(
      (call) => call.method === 'POST' && call.path === followUps(payload.token) && !call.body.flags,
      400,
      INVALID_FORM,
    );

    await harness.send(payload);

    const original = `/webhooks/${APP_ID}/${payload.token}/messages/@original`;
    expect(requestsOf(harness, payload.token)).toEqual([
      `POST /interactions/${payload.id}/${payload.token}/callback`,
      `PATCH ${original}`,
      `PATCH ${original}`,
      `POST ${followUps(payload.token)}`,
      `POST ${followUps(payload.token)}`,
    ]);
    const note = harness.rest.calls.at(-1);
    expect(note?.body).toMatchObject({
      content:
        "Your /scene continue went through and is saved, but Discord refused part of the reply, so the channel may show only some of it. Please don't run it again: that would do it twice.",
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    expect(harness.rest.find('PATCH', new RegExp(original)).at(-1)?.body.content).toMatch(/^It begins\. /);
    expect(JSON.stringify(harness.rest.calls)).not.toContain(GENERIC_ERROR);
    expect(Object.keys((await harness.engine.room(ROOM)).beats)).toHaveLength(beatsBefore + 1);
    const logged = harness.logs.find(
      (log) => log.msg === 'a command succeeded but Discord refused part of its reply',
    );
    expect(logged?.level).toBe('error');
    expect(loggedText(harness)).toContain(`/webhooks/${APP_ID}/:token`);
    expect(loggedText(harness)).not.toContain(payload.token);
  });

  it('keeps the voiced reply when a line cannot be shown either way, and says the line was saved', async () => {
    harness = await startHarness();
    const command = (name: string, options: Record<string, string | boolean>, who = ALICE) => {
      const payload = slashCommand(name, options, who);
      const permissions = BigInt(payload.app_permissions) | PermissionFlagsBits.ManageWebhooks;
      return { ...payload, app_permissions: String(permissions) };
    };
    await harness.send(command('scene start', { title: 'The Long Night' }));
    await harness.send(command('character add', { name: 'Nora' }));
    await harness.send(command('room settings', { character_voices: true }, MOD));
    const say = command('say', { character: 'Nora', text: 'Order up!' });
    // The character webhook is gone, and the line's fallback follow-up is refused too.
    harness.rest.failNext(
      (call) => call.method === 'POST' && /^\/webhooks\/\d+\/webhook-secret/.test(call.path),
      404,
      { message: 'Unknown Webhook', code: 10015 },
    );
    harness.rest.failNext(
      (call) => call.method === 'POST' && call.path === followUps(say.token) && !call.body.flags,
      400,
      INVALID_FORM,
    );

    await harness.send(say);

    const original = `/webhooks/${APP_ID}/${say.token}/messages/@original`;
    expect(requestsOf(harness, say.token)).toEqual([
      `POST /interactions/${say.id}/${say.token}/callback`,
      `PATCH ${original}`,
      `POST ${followUps(say.token)}`,
      `POST ${followUps(say.token)}`,
    ]);
    expect(harness.rest.find('PATCH', new RegExp(original))[0]?.body.content).toBe(
      '-# 🎭 **NORA** speaks below.',
    );
    expect(harness.rest.calls.at(-1)?.body).toMatchObject({
      content: expect.stringMatching(/^Your \/say went through and is saved/),
      flags: MessageFlags.Ephemeral,
    });
    const room = await harness.engine.room(ROOM);
    expect(Object.values(room.beats).filter((beat) => beat.text === 'Order up!')).toHaveLength(1);
    expect(loggedText(harness)).not.toContain('webhook-secret');
  });
});
