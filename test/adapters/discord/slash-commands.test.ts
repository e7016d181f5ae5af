import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERIC_ERROR as GENERIC_ERROR_MESSAGE } from '../../../src/commands/run-command.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { ALICE, APP_ID, MOD, member, slashCommand } from '../../helpers/discord-payloads.ts';

const GENERIC_ERROR = sharedTranslator().translate('en', GENERIC_ERROR_MESSAGE);

let harness: Harness;
afterEach(() => harness.close());

const callback = (payload: { id: string; token: string }) =>
  `/interactions/${payload.id}/${payload.token}/callback`;
const original = (payload: { token: string }) => `/webhooks/${APP_ID}/${payload.token}/messages/@original`;
const followUps = (payload: { token: string }) => `/webhooks/${APP_ID}/${payload.token}`;

async function startStory(h: Harness) {
  await h.send(
    slashCommand('scene start', { title: 'The Long Night', heading: 'INT. DINER - NIGHT' }, ALICE),
  );
}

describe('slash commands', () => {
  it('defers /scene start, then edits the original reply with the opening, mentions off', async () => {
    harness = await startHarness();
    const payload = slashCommand(
      'scene start',
      { title: 'The Long Night', heading: 'int. diner - night' },
      ALICE,
    );

    await harness.send(payload);

    expect(harness.rest.calls.map((call) => [call.method, call.path])).toEqual([
      ['POST', callback(payload)],
      ['PATCH', original(payload)],
    ]);
    const [deferred, edit] = harness.rest.calls;
    expect(deferred?.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 0 },
    });
    expect(edit?.body.content).toBe(
      'alice started "The Long Night" (drama, earnest).\n' +
        'Add characters with /character add, then /scene continue or write lines with /say and /action.\n\n' +
        '**INT. DINER - NIGHT**',
    );
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    const room = await harness.engine.room({
      platform: 'discord',
      workspaceId: payload.guild_id,
      channelId: payload.channel.id,
    });
    expect(room.story?.title).toBe('The Long Night');
  });

  it('shows people’s text as written: markdown escaped, @everyone never pinging', async () => {
    harness = await startHarness();
    await startStory(harness);
    const payload = slashCommand(
      'action',
      { text: '@everyone look <@&123>\n# SHOUTING\n```js\nboom()\n```\n> not a quote' },
      ALICE,
    );

    await harness.send(payload);

    const edit = harness.rest.find('PATCH', new RegExp(payload.token)).at(-1);
    expect(edit?.body.content).toBe(
      '@everyone look <@&123>\n\\# SHOUTING\n\\`\\`\\`js\nboom()\n\\`\\`\\`\n\\> not a quote',
    );
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses a moderator-only command from a member privately, and runs it for a moderator', async () => {
    harness = await startHarness();
    await startStory(harness);
    await harness.send(slashCommand('action', { text: 'The door creaks.' }, ALICE));
    const refused = slashCommand('scene undo', {}, ALICE);

    await harness.send(refused);

    // The public "thinking…" message is removed and the reason goes to the member alone.
    expect(
      harness.rest.calls.filter((call) => call.path.includes(refused.token)).map((c) => [c.method, c.path]),
    ).toEqual([
      ['POST', callback(refused)],
      ['DELETE', original(refused)],
      ['POST', followUps(refused)],
    ]);
    const refusal = harness.rest.find('POST', new RegExp(`${followUps(refused)}$`))[0];
    expect(refusal?.body).toMatchObject({
      content: 'Only moderators can undo beats.',
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });

    const allowed = slashCommand('scene undo', {}, MOD);
    await harness.send(allowed);
    const undone = harness.rest.find('PATCH', new RegExp(allowed.token)).at(-1);
    expect(undone?.body.content).toBe(
      'mod took back the last beat. The story now ends here:\n\n**INT. DINER - NIGHT**',
    );
  });

  it('treats the configured moderator role as a moderator without any permission', async () => {
    harness = await startHarness({ config: { moderatorRoleId: '1600000000000000001' } });
    await startStory(harness);
    const withRole = member('1400000000000000005', 'carol', ['1600000000000000001']);
    const payload = slashCommand('room lock', {}, withRole);

    await harness.send(payload);

    expect(harness.rest.find('PATCH', new RegExp(payload.token))).toHaveLength(1);
    const room = await harness.engine.room({
      platform: 'discord',
      workspaceId: payload.guild_id,
      channelId: payload.channel.id,
    });
    expect(room.locked).toBeDefined();
  });

  it('turns invalid options into a readable private message', async () => {
    harness = await startHarness();
    await startStory(harness);
    // Deferred publicly (it would change a setting), so the reason comes as a private follow-up.
    const payload = slashCommand('room settings', { vote_duration: 'forever' }, MOD);

    await harness.send(payload);

    const reply = harness.rest.find('POST', new RegExp(`${followUps(payload)}$`))[0];
    expect(reply?.body.content).toBe('vote\\_duration: "forever" is not a duration. Use e.g. 30s, 5m or 1h.');
    expect(reply?.body.flags).toBe(MessageFlags.Ephemeral);
  });

  it('answers an unexpected failure with a short generic message and logs the details', async () => {
    const offline = createOfflineNarrator();
    harness = await startHarness({
      narrator: {
        ...offline,
        writeBeat: () => Promise.reject(new Error('connection string postgres://secret@db')),
      },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const reply = harness.rest.find('POST', new RegExp(`${followUps(payload)}$`))[0];
    expect(reply?.body).toMatchObject({ content: GENERIC_ERROR, flags: MessageFlags.Ephemeral });
    expect(JSON.stringify(harness.rest.calls)).not.toContain('secret');
    expect(
      harness.logs.some((log) => log.level === 'error' && log.msg === 'command failed unexpectedly'),
    ).toBe(true);
  });

  it('answers /help privately with the commands this member can use', async () => {
    harness = await startHarness();
    const payload = slashCommand('help', {}, ALICE);

    await harness.send(payload);

    // More than an embed's 25 fields continue in private follow-ups of the same reply.
    const [deferred, reply, ...more] = harness.rest.calls;
    expect([deferred?.path, reply?.path]).toEqual([callback(payload), original(payload)]);
    for (const call of more) {
      expect(call.path).toBe(followUps(payload));
      expect(call.body.flags).toBe(MessageFlags.Ephemeral);
    }
    expect(deferred?.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(reply?.body.allowed_mentions).toEqual({ parse: [] });
    const names = [reply, ...more].flatMap((call) =>
      (call?.body.embeds ?? []).flatMap((embed: { fields: { name: string }[] }) =>
        embed.fields.map((field) => field.name),
      ),
    );
    expect(names).toContain('/recap');
    expect(names).toContain('/scene start');
    expect(names).toContain('/scene build');
    expect(names).toContain('/scene picture');
    expect(names).toContain('/help');
    expect(names).not.toContain('/scene undo');
  });

  describe('commands that answer privately', () => {
    /** Every request made for one interaction, as "METHOD path". */
    const requestsOf = (h: Harness, payload: { token: string }) =>
      h.rest.calls.filter((call) => call.path.includes(payload.token)).map((c) => `${c.method} ${c.path}`);

    it.each([
      ['character list', {}, ALICE],
      ['character show', { name: 'Nora' }, ALICE],
      ['vote status', {}, ALICE],
      ['canon list', {}, ALICE],
      ['critique', {}, ALICE],
      ['room usage', {}, MOD],
      ['room settings', {}, MOD],
      ['vote cast', { option: 'A' }, ALICE],
    ] as const)(
      '/%s defers privately and edits that reply: nothing public appears and vanishes',
      async (name, options, who) => {
        harness = await startHarness();
        await startStory(harness);
        await harness.send(slashCommand('character add', { name: 'Nora' }, ALICE));
        await harness.send(
          slashCommand('vote open', { option1: 'Left', option2: 'Right', duration: '5m' }, ALICE),
        );
        const payload = slashCommand(name, options, who);

        await harness.send(payload);

        expect(requestsOf(harness, payload)).toEqual([
          `POST ${callback(payload)}`,
          `PATCH ${original(payload)}`,
        ]);
        const [deferred, edit] = harness.rest.calls.filter((call) => call.path.includes(payload.token));
        expect(deferred?.body).toEqual({
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags: MessageFlags.Ephemeral },
        });
        expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
      },
    );

    it('keeps an error of a private command in the same private reply', async () => {
      harness = await startHarness();
      await startStory(harness);
      const payload = slashCommand('character show', { name: 'Nobody' }, ALICE);

      await harness.send(payload);

      expect(requestsOf(harness, payload)).toEqual([
        `POST ${callback(payload)}`,
        `PATCH ${original(payload)}`,
      ]);
      expect(harness.rest.calls.find((call) => call.path === callback(payload))?.body.data.flags).toBe(
        MessageFlags.Ephemeral,
      );
      expect(harness.rest.find('PATCH', new RegExp(original(payload)))[0]?.body.content).toMatch(/Nobody/);
    });

    it('defers /room settings publicly when it changes something, privately when it only shows', async () => {
      harness = await startHarness();
      await startStory(harness);
      const change = slashCommand('room settings', { auto_vote: true }, MOD);

      await harness.send(change);

      expect(requestsOf(harness, change)).toEqual([`POST ${callback(change)}`, `PATCH ${original(change)}`]);
      expect(harness.rest.calls.find((call) => call.path === callback(change))?.body.data.flags).toBe(0);
      expect(harness.rest.find('PATCH', new RegExp(original(change)))[0]?.body.embeds[0].title).toBe(
        'mod changed the room settings',
      );
    });
  });
});
