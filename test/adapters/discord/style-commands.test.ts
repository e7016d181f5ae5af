// /style on Discord, from the raw payloads Discord sends to the HTTP calls the bot makes: a moderator sets the
// style by pasting a sample or attaching a text file (downloaded from Discord's CDN), anyone reads it
// privately with its profile, in their own language, and members who are not moderators are refused.
import {
  type APIChatInputApplicationCommandGuildInteraction,
  ApplicationCommandOptionType,
  Locale,
  MessageFlags,
} from 'discord.js';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { ALICE, CHANNEL_ID, GUILD_ID, inLocale, MOD, slashCommand } from '../../helpers/discord-payloads.ts';

let harness: Harness;
afterEach(async () => {
  await harness.close();
  nock.cleanAll();
});

const CDN = 'https://cdn.discordapp.com';
const ref = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID } as const;
const SAMPLE = 'The bus came late. Nobody got off. “Go,” she said. She walked.';

/** /style set with a file attached, as Discord sends it: the option holds the attachment's id. */
function withAttachment(
  options: Record<string, string>,
  attachment: { filename: string; size: number; url: string; contentType?: string },
): APIChatInputApplicationCommandGuildInteraction {
  const payload = slashCommand('style set', options, MOD);
  const id = '1700000000000000002';
  const [sub] = payload.data.options as unknown as [{ options: unknown[] }];
  sub.options.push({ name: 'file', type: ApplicationCommandOptionType.Attachment, value: id });
  payload.data.resolved = {
    attachments: {
      [id]: {
        id,
        filename: attachment.filename,
        size: attachment.size,
        url: attachment.url,
        proxy_url: attachment.url.replace('cdn.discordapp.com', 'media.discordapp.net'),
        content_type: attachment.contentType ?? 'text/plain; charset=utf-8',
      },
    },
  };
  return payload;
}

const lastCall = () => harness.rest.calls.at(-1);
type Embed = { title?: string; fields?: { name: string; value: string }[] };
const fieldsOf = (call = lastCall()) =>
  Object.fromEntries(
    ((call?.body.embeds as Embed[] | undefined) ?? []).flatMap((embed) =>
      (embed.fields ?? []).map((field) => [field.name, field.value]),
    ),
  );

async function started() {
  harness = await startHarness();
  await harness.send(slashCommand('scene start', { title: 'The Long Night' }, MOD));
}

describe('/style on Discord', () => {
  it('lets a moderator paste a sample and notes, shown to the channel with the profile', async () => {
    await started();
    await harness.send(slashCommand('style set', { sample: SAMPLE, notes: 'terse, no adverbs' }, MOD));

    const reply = lastCall();
    expect(reply?.body.content).toBe("mod set the room's style. The narrator writes like it from now on.");
    expect(reply?.body.flags ?? 0).toBe(0);
    expect(((reply?.body.embeds ?? []) as Embed[])[0]?.title).toBe("The room's style");
    expect(fieldsOf(reply)).toMatchObject({
      Notes: 'terse, no adverbs',
      Sample: '62 characters',
      'Mean sentence length': '3 words',
      Dialogue: '6% of the text',
    });
    expect((await harness.engine.room(ref)).style?.sample).toBe(SAMPLE);
  });

  it('shows the style privately to anyone, with the sample, in Chinese for a zh-CN client', async () => {
    await started();
    await harness.send(slashCommand('style set', { sample: SAMPLE }, MOD));
    await harness.send(slashCommand('style show', {}, ALICE));
    const calls = harness.rest.calls.slice(-2);
    expect(calls[0]?.body).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
    expect(calls[1]?.body.content).toBe(`The sample:\n\n${SAMPLE}`);
    expect(fieldsOf(calls[1])).toMatchObject({ Notes: 'none', 'Mean sentence length': '3 words' });

    await harness.send(inLocale(slashCommand('style show', {}, ALICE), Locale.ChineseCN));
    const zh = lastCall();
    expect(zh?.body.content).toContain('范文：');
    expect(fieldsOf(zh)).toMatchObject({ 说明: '无', 平均句长: '3 个词', 对白: '占全文的 6%' });
  });

  it('takes the sample from an attached text file, paragraphs kept', async () => {
    await started();
    const text = '\ufeffThe bus came late.\r\n\r\nNobody got off.\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const cdn = nock(CDN).get('/attachments/1/2/sample.txt').reply(200, bytes);
    await harness.send(
      withAttachment(
        { notes: 'terse' },
        { filename: 'sample.txt', size: bytes.length, url: `${CDN}/attachments/1/2/sample.txt` },
      ),
    );
    expect(cdn.isDone()).toBe(true);
    expect(lastCall()?.body.content).toBe(
      "mod set the room's style. The narrator writes like it from now on.",
    );
    expect((await harness.engine.room(ref)).style).toMatchObject({
      sample: 'The bus came late.\n\nNobody got off.',
      notes: 'terse',
    });
  });

  it('refuses a file that is not text, a file with a pasted sample, and members who are not moderators', async () => {
    await started();
    const url = `${CDN}/attachments/1/2/picture.png`;
    nock(CDN)
      .get('/attachments/1/2/picture.png')
      .reply(200, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]));
    await harness.send(
      withAttachment({}, { filename: 'picture.png', size: 7, url, contentType: 'image/png' }),
    );
    expect(lastCall()?.body.content).toBe(
      'picture.png is not a text file (UTF-8). Attach a .txt file, or paste the sample.',
    );

    await harness.send(withAttachment({ sample: SAMPLE }, { filename: 'a.txt', size: 7, url }));
    expect(lastCall()?.body.content).toBe('Paste the sample or attach a file, not both.');

    await harness.send(slashCommand('style set', { sample: SAMPLE }, ALICE));
    expect(lastCall()?.body.content).toBe("Only moderators can set the room's style.");
    await harness.send(slashCommand('style clear', {}, ALICE));
    expect(lastCall()?.body.content).toBe("Only moderators can clear the room's style.");
    expect((await harness.engine.room(ref)).style).toBeUndefined();
  });

  it('lets a moderator clear the style for the channel to see', async () => {
    await started();
    await harness.send(slashCommand('style set', { notes: 'dry humour' }, MOD));
    await harness.send(slashCommand('style clear', {}, MOD));
    expect(lastCall()?.body.content).toBe(
      "mod cleared the room's style. The narrator writes in its own manner again.",
    );
    await harness.send(slashCommand('style show', {}, ALICE));
    expect(lastCall()?.body.content).toBe('This room has no style. A moderator can set one with /style set.');
  });
});
