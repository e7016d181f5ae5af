import {
  type APIChatInputApplicationCommandGuildInteraction,
  ApplicationCommandOptionType,
  InteractionResponseType,
  MessageFlags,
} from 'discord.js';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createExportCommand } from '../../../src/commands/export.ts';
import { commands } from '../../../src/commands/index.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { ALICE, APP_ID, CHANNEL_ID, GUILD_ID, MOD, slashCommand } from '../../helpers/discord-payloads.ts';
import type { RecordedCall } from '../../helpers/discord-rest.ts';

let harness: Harness;
afterEach(async () => {
  await harness.close();
  nock.cleanAll();
});

const callback = (payload: { id: string; token: string }) =>
  `/interactions/${payload.id}/${payload.token}/callback`;
const original = (payload: { token: string }) => `/webhooks/${APP_ID}/${payload.token}/messages/@original`;

const OTHER_CHANNEL = '1300000000000000099';
const CDN = 'https://cdn.discordapp.com';

async function story(h: Harness, title = 'The Long Night') {
  await h.send(slashCommand('scene start', { title, heading: 'INT. DINER - NIGHT' }, MOD));
  await h.send(slashCommand('action', { text: 'The lights go out.' }, ALICE));
  await h.send(slashCommand('vote open', { option1: 'Run', option2: 'Hide' }, ALICE));
  await h.send(slashCommand('vote close', {}, MOD));
}

/** The calls made for one interaction, as method and path. */
const callsFor = (h: Harness, payload: { token: string; id: string }) =>
  h.rest.calls
    .filter((call) => call.path.includes(payload.token) || call.path.includes(payload.id))
    .map((call) => [call.method, call.path]);

/**
 * The calls made for one interaction, and the last of them. Exports render in a worker thread, so another
 * message's edit (the closed vote's) may land after the export's reply.
 */
const callsOf = (h: Harness, payload: { token: string; id: string }) =>
  h.rest.calls.filter((call) => call.path.includes(payload.token) || call.path.includes(payload.id));
const lastFor = (h: Harness, payload: { token: string; id: string }) => callsOf(h, payload).at(-1);

/** /scene import with a file attached, as Discord sends it: the option holds the attachment's id. */
function importPayload(
  attachment: { filename: string; size: number; url: string },
  person = MOD,
  channelId = OTHER_CHANNEL,
): APIChatInputApplicationCommandGuildInteraction {
  const payload = slashCommand('scene import', {}, person);
  const id = '1700000000000000001';
  const [sub] = payload.data.options as unknown as [{ options: unknown[] }];
  sub.options = [{ name: 'file', type: ApplicationCommandOptionType.Attachment, value: id }];
  payload.data.resolved = {
    attachments: {
      [id]: {
        id,
        filename: attachment.filename,
        size: attachment.size,
        url: attachment.url,
        proxy_url: attachment.url.replace('cdn.discordapp.com', 'media.discordapp.net'),
        content_type: 'application/json',
      },
    },
  };
  payload.channel_id = channelId;
  payload.channel = { ...payload.channel, id: channelId };
  return payload;
}

const onlyFile = (call: RecordedCall | undefined) => {
  expect(call?.files).toHaveLength(1);
  return call?.files?.[0];
};

describe('/export on Discord', () => {
  it('defers privately and delivers the file as an attachment of the private reply', async () => {
    harness = await startHarness();
    await story(harness);
    const payload = slashCommand('export', { format: 'json' }, MOD);

    await harness.send(payload);

    expect(callsFor(harness, payload)).toEqual([
      ['POST', callback(payload)],
      ['PATCH', original(payload)],
    ]);
    const [deferred, edit] = callsOf(harness, payload);
    expect(deferred?.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(edit?.body.content).toMatch(
      /^JSON export of “The Long Night”: the story with the takes and branches not kept \([\d.]+ KB\)\.$/,
    );
    // discord.js names the parts files[0]..., and lists them as attachments by index.
    expect(edit?.body.attachments).toEqual([{ id: '0' }]);
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    const file = onlyFile(edit);
    expect(file).toMatchObject({ field: 'files[0]', name: 'The-Long-Night.json' });
    const exported = JSON.parse(file?.bytes.toString('utf8') ?? '');
    expect(exported).toMatchObject({ format: 'storyroom.room', title: 'The Long Night' });
    const history = await harness.engine.history({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId: CHANNEL_ID,
    });
    expect(history.events.at(-1)).toMatchObject({ type: 'room.exported', format: 'json', scope: 'all' });
    // The file holds the room up to the export, not the export's own event.
    expect(exported.events).toEqual(history.events.slice(0, -1));
  });

  it('refuses a member who is not a moderator privately, with no file', async () => {
    harness = await startHarness();
    await story(harness);
    const payload = slashCommand('export', { format: 'pdf' }, ALICE);

    await harness.send(payload);

    const edit = harness.rest.calls.at(-1);
    expect(edit?.path).toBe(original(payload));
    expect(edit?.body.content).toBe('Only moderators can export the story.');
    expect(edit?.files).toBeUndefined();
  });

  it("says a file over Discord's upload limit was not sent and offers the smaller forms", async () => {
    const small = createExportCommand({ uploadLimits: { discord: 2048 } });
    harness = await startHarness({
      commands: commands.map((command) => (command.name === 'export' ? small : command)),
    });
    await story(harness);
    const payload = slashCommand('export', { format: 'html', scope: 'all' }, MOD);

    await harness.send(payload);

    const edit = lastFor(harness, payload);
    expect(edit?.files).toBeUndefined();
    expect(edit?.body.content).toMatch(
      /^The HTML file would be [\d.]+ KB, over Discord's upload limit of 2 KB, so it was not sent\.\n\nTry scope:story for the story without what was not kept\.\n\nTry gzip:on/,
    );
    const gzipped = slashCommand('export', { format: 'md', gzip: true }, MOD);
    await harness.send(gzipped);
    const file = onlyFile(lastFor(harness, gzipped));
    expect(file?.name).toBe('The-Long-Night.md.gz');
    expect([...(file?.bytes.subarray(0, 2) ?? [])]).toEqual([0x1f, 0x8b]);
  });

  it('names the file safely after a hostile title, CJK kept', async () => {
    harness = await startHarness();
    await story(harness, '../../夜行列车 <@everyone>');
    const payload = slashCommand('export', { format: 'fountain' }, MOD);

    await harness.send(payload);

    expect(onlyFile(lastFor(harness, payload))?.name).toBe('夜行列车-everyone.fountain');
  });
});

describe('/story map on Discord', () => {
  it('posts the PNG publicly, with a short caption', async () => {
    harness = await startHarness();
    await story(harness);
    const payload = slashCommand('story map', {}, ALICE);

    await harness.send(payload);

    expect(callsFor(harness, payload)).toEqual([
      ['POST', callback(payload)],
      ['PATCH', original(payload)],
    ]);
    const [deferred, edit] = callsOf(harness, payload);
    expect(deferred?.body.data).toEqual({ flags: 0 });
    expect(edit?.body.content).toMatch(/^The map of “The Long Night”: 2 beats, the story's path in blue/);
    const file = onlyFile(edit);
    expect(file?.name).toBe('The-Long-Night-map.png');
    expect([...(file?.bytes.subarray(0, 4) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe('/room audit on Discord', () => {
  it('shows moderators the latest actions as an embed, and refuses others', async () => {
    harness = await startHarness();
    await story(harness);
    await harness.send(slashCommand('room lock', {}, MOD));
    const payload = slashCommand('room audit', { count: 2 }, MOD);

    await harness.send(payload);

    const embed = harness.rest.calls.at(-1)?.body.embeds?.[0];
    expect(embed?.title).toBe('The latest 2 moderator actions');
    expect(embed?.fields.map((field: { value: string }) => field.value)).toEqual([
      'locked the room',
      expect.stringMatching(/^closed a vote \(vote v\d+, no winner\)$/),
    ]);
    expect(embed?.fields[0].name).toMatch(/ · mod$/);

    const refused = slashCommand('room audit', {}, ALICE);
    await harness.send(refused);
    expect(harness.rest.calls.at(-1)?.body.content).toBe('Only moderators can see the audit log.');
  });
});

describe('/scene import on Discord', () => {
  it('downloads the attached export from the CDN and recreates the room in an empty channel', async () => {
    harness = await startHarness();
    await story(harness);
    const exported = slashCommand('export', { format: 'json' }, MOD);
    await harness.send(exported);
    const bytes = lastFor(harness, exported)?.files?.[0]?.bytes ?? Buffer.alloc(0);
    const cdn = nock(CDN).get('/attachments/1/2/room.json').reply(200, bytes);
    const payload = importPayload({
      filename: 'room.json',
      size: bytes.length,
      url: `${CDN}/attachments/1/2/room.json`,
    });

    await harness.send(payload);

    expect(cdn.isDone()).toBe(true);
    expect(callsFor(harness, payload)).toEqual([
      ['POST', callback(payload)],
      ['PATCH', original(payload)],
    ]);
    expect(harness.rest.calls.at(-1)?.body.content).toBe(
      'mod imported “The Long Night” from room.json: 2 beats and 1 vote. Carry on with /scene continue.',
    );
    const imported = await harness.engine.room({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId: OTHER_CHANNEL,
    });
    expect(imported.story?.title).toBe('The Long Night');
  });

  it('refuses a channel with a story, a file over the cap and a file that is not an export', async () => {
    harness = await startHarness();
    await story(harness);
    const url = `${CDN}/attachments/1/2/x.json`;

    await harness.send(importPayload({ filename: 'x.json', size: 10, url }, MOD, CHANNEL_ID));
    expect(harness.rest.calls.at(-1)?.body.content).toBe(
      'This channel already has a story. Import into an empty channel.',
    );

    await harness.send(importPayload({ filename: 'big.json', size: 64 * 1024 * 1024, url }));
    expect(harness.rest.calls.at(-1)?.body.content).toBe(
      'big.json is over 32 MB, more than an import may be.',
    );

    // Discord said it was small; the download is cut off past the cap all the same.
    nock(CDN)
      .get('/attachments/1/2/x.json')
      .reply(200, Buffer.alloc(33 * 1024 * 1024, 0x20));
    await harness.send(importPayload({ filename: 'liar.json', size: 10, url }));
    expect(harness.rest.calls.at(-1)?.body.content).toBe(
      'liar.json is over 32 MB, more than an import may be.',
    );

    nock(CDN).get('/attachments/1/2/x.json').reply(200, '{"format": "something else"}');
    await harness.send(importPayload({ filename: 'x.json', size: 28, url }));
    expect(harness.rest.calls.at(-1)?.body.content).toBe(
      'x.json is JSON but not a storyroom room export. Make one with /export format:json.',
    );

    await harness.send(importPayload({ filename: 'x.json', size: 28, url: 'https://example.com/x.json' }));
    expect(harness.rest.calls.at(-1)?.body.content).toBe(
      'x.json could not be read. Check that it is a file and try again.',
    );

    await harness.send(importPayload({ filename: 'x.json', size: 28, url }, ALICE));
    expect(harness.rest.calls.at(-1)?.body.content).toBe('Only moderators can import a story.');
    const other = await harness.engine.room({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId: OTHER_CHANNEL,
    });
    expect(other.seq).toBe(0);
  });
});
