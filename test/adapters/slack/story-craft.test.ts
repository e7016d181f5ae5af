// Story craft (issue 13) in a Slack channel, through signed slash commands to the real adapter and the fake
// Web API: /style set, show and clear; /scene build, accept and picture (the PNG uploaded with
// files.uploadV2); /recap and /review, public and personal; a zh-CN room's recap and review in Chinese.
// Every call Slack receives is asserted with its text, escaping and visibility.
import { afterEach, describe, expect, it } from 'vitest';
import type { KnownBlock } from '../../../src/adapters/slack/render/index.ts';
import { imageConfigSchema } from '../../../src/llm/image-config.ts';
import { createOpenAiIllustrator } from '../../../src/llm/openai-illustrator.ts';
import { silentLogger } from '../../../src/logger.ts';
import { systemClock } from '../../../src/story/clock.ts';
import { roomIdOf } from '../../../src/story/room-id.ts';
import type { SceneCard } from '../../../src/story/scene-card.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { type FakeImagesServer, startFakeImagesServer, tinyPng } from '../../helpers/fake-images-server.ts';
import { expectWithinLimits, unescapeMrkdwn } from '../../helpers/slack-blocks.ts';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';
import { appMentionBody } from '../../helpers/slack-payloads.ts';
import { signedHeaders } from '../../helpers/slack-signing.ts';
import type { SlackCall } from '../../helpers/slack-web-api.ts';

const ROOM: RoomRef = { platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY' };
const MOD = { userId: 'U0MOD', userName: 'mo' };
const ALICE = { userId: 'U0ALICE', userName: 'alice' };
const BOB = { userId: 'U0BOB', userName: 'bob' };
type Person = typeof MOD;

const SAMPLE = 'The bus came late. Nobody got off. “Go,” she said. She walked.';
/** The flags every channel message is posted with (form fields), and every response_url post (JSON). */
const POSTED = { link_names: 'false', unfurl_links: 'false', unfurl_media: 'false', parse: 'none' };
const EPHEMERAL = {
  response_type: 'ephemeral',
  replace_original: false,
  link_names: false,
  unfurl_links: false,
  unfurl_media: false,
  parse: 'none',
};

let h: SlackHarness | undefined;
let images: FakeImagesServer | undefined;
afterEach(async () => {
  await h?.close();
  await images?.close();
  h = undefined;
  images = undefined;
});

async function startRoom(options: Parameters<typeof startSlackHarness>[0] = {}): Promise<SlackHarness> {
  // The engine on a fake clock ("Set by mo, Jan 1, 2026"); the adapter's edit budget on real time.
  const harness = await startSlackHarness({
    clock: createFakeClock(),
    adapterClock: systemClock,
    ...options,
  });
  harness.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
  h = harness;
  return harness;
}

/** Runs a slash command to the end; the calls it made (auth.test and users.info lookups aside). */
async function slash(command: string, text: string, who: Person): Promise<SlackCall[]> {
  const harness = h as SlackHarness;
  harness.api.calls.length = 0;
  expect((await harness.slash({ command, text, ...who })).status).toBe(200);
  await harness.idle();
  return harness.api.calls.filter((call) => call.method !== 'auth.test' && call.method !== 'users.info');
}

/** A message's one mrkdwn text per section, in order. */
const sectionsOf = (call: SlackCall | undefined) =>
  ((call?.args.blocks ?? []) as { type: string; text?: { text: string } }[]).map((block) =>
    block.type === 'section' ? (block.text?.text ?? '') : `(${block.type})`,
  );

const STYLE_FIELDS = [
  "*The room's style*",
  '*Notes*\nterse &amp; dry, no &lt;!here&gt;',
  '*Sample*\n62 characters',
  '*Mean sentence length*\n3 words',
  '*Dialogue*\n6% of the text',
  '*Type-token ratio*\n0.917 (distinct words in each run of 50)',
  '*Most frequent function words*\n“she” (16.67 per 100) and “the” (8.33 per 100)',
  '*Set by*\nmo, Jan 1, 2026',
].join('\n\n');

describe('/style in Slack', () => {
  it('a moderator sets a typed sample and notes for the channel; anyone reads it privately; a member is refused; clear', async () => {
    await startRoom();
    await slash('/scene', 'start title:"The Heist"', MOD);

    const set = await slash('/style', `set sample:"${SAMPLE}" notes:"terse & dry, no <!here>"`, MOD);
    expect(set.map((call) => call.method)).toEqual(['chat.postMessage']);
    expect(set[0]?.args).toMatchObject({ channel: 'C0STORY', ...POSTED });
    expect(sectionsOf(set[0])).toEqual([
      "mo set the room's style. The narrator writes like it from now on.",
      STYLE_FIELDS,
    ]);
    expect(shownIn(set[0])).not.toContain('<!here>');
    expect((await h?.engine.room(ROOM))?.style).toMatchObject({
      sample: SAMPLE,
      notes: 'terse & dry, no <!here>',
    });

    const shown = await slash('/style', 'show', ALICE);
    expect(shown.map((call) => call.method)).toEqual(['response_url']);
    expect(shown[0]?.args).toMatchObject(EPHEMERAL);
    expect(sectionsOf(shown[0])).toEqual([STYLE_FIELDS, 'The sample:', SAMPLE]);

    const refused = await slash('/style', 'set notes:"loud"', ALICE);
    expect(refused.map((call) => call.method)).toEqual(['response_url']);
    expect(refused[0]?.args).toMatchObject(EPHEMERAL);
    expect(sectionsOf(refused[0])).toEqual(["Only moderators can set the room's style."]);
    const notCleared = await slash('/style', 'clear', ALICE);
    expect(sectionsOf(notCleared[0])).toEqual(["Only moderators can clear the room's style."]);
    expect(notCleared.map((call) => call.method)).toEqual(['response_url']);
    expect((await h?.engine.room(ROOM))?.style?.notes).toBe('terse & dry, no <!here>');

    const cleared = await slash('/style', 'clear', MOD);
    expect(cleared.map((call) => call.method)).toEqual(['chat.postMessage']);
    expect(sectionsOf(cleared[0])).toEqual([
      "mo cleared the room's style. The narrator writes in its own manner again.",
    ]);
    const none = await slash('/style', 'show', ALICE);
    expect(none.map((call) => call.method)).toEqual(['response_url']);
    expect(sectionsOf(none[0])).toEqual(['This room has no style. A moderator can set one with /style set.']);
  });
});

/** Slack's three entities, as a reader of the Web API call sees what a person typed. */
const entities = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The card as stored (the offline narrator's templates pick its details), rendered as the adapter must. */
async function cardAsShown(harness: SlackHarness) {
  const stored = (await harness.store.readAttachment(roomIdOf(ROOM), 'scene-proposals')) as {
    proposals: { id: string; card: SceneCard }[];
  };
  const card = stored.proposals.find((proposal) => proposal.id === 'c1')?.card as SceneCard;
  return {
    card,
    shown: [
      '*Scene card c1: INT. DINER - NIGHT*',
      `*Location*\n${entities(card.location)}`,
      `*Time of day*\n${entities(card.timeOfDay)}`,
      `*Atmosphere*\n${entities(card.atmosphere)}`,
      `*Lighting*\n${entities(card.lighting)}`,
      `*Sounds*\n${entities(card.sounds)}`,
      `*Key props*\n${entities(card.props.join(' · '))}`,
      `*Who is here, and what they want*\n${card.present.map((p) => `${entities(p.name)}: ${entities(p.wants)}`).join('\n')}`,
    ].join('\n\n'),
  };
}

describe('a quoted style sample in Slack', () => {
  it('keeps its paragraphs and its dialogue quotes, so the profile counts the dialogue', async () => {
    await startRoom();
    await slash('/scene', 'start title:"The Heist"', MOD);
    const sample = 'The bus came late.\n\nNobody got off. “Go,” she said.';
    const set = await slash('/style', `set sample:"${sample}"`, MOD);
    expect((await h?.engine.room(ROOM))?.style?.sample).toBe(sample);
    expect(sectionsOf(set[0])[1]).toContain('*Dialogue*\n8% of the text');
    const shown = await slash('/style', 'show', ALICE);
    expect(sectionsOf(shown[0]).slice(1)).toEqual(['The sample:', sample]);
  });
});

describe('a long hostile style sample in Slack', () => {
  it('shows a 2,000-character sample of "<&>" privately over several messages, within limits, nothing lost', async () => {
    await startRoom();
    await slash('/scene', 'start title:"The Heist"', MOD);
    const sample = `${'<!channel>&'.repeat(181)}<@U1>`;
    expect(Array.from(sample)).toHaveLength(1996);
    await slash('/style', `set sample:"${sample}"`, MOD);
    expect((await h?.engine.room(ROOM))?.style?.sample).toBe(sample);

    const shown = await slash('/style', 'show', ALICE);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThanOrEqual(5);
    for (const call of shown) {
      expect(call.method).toBe('response_url');
      expect(call.args).toMatchObject(EPHEMERAL);
      expectWithinLimits({ text: String(call.args.text), blocks: call.args.blocks as KnownBlock[] });
    }
    const sections = shown.flatMap(sectionsOf);
    expect(sections.slice(1, 2)).toEqual(['The sample:']);
    expect(unescapeMrkdwn(sections.slice(2).join(''))).toBe(sample);
  });
});

describe('/scene build, accept and picture in Slack', () => {
  it('shows a card as fields with hostile notes escaped, and accepting it opens the scene with its heading', async () => {
    await startRoom();
    await slash('/scene', 'start title:"The Heist"', MOD);
    await slash('/character', 'add Vera A red coat', MOD);

    const built = await slash(
      '/scene',
      'build heading:"INT. DINER - NIGHT" notes:"rain <!channel> <@U123> & smoke"',
      ALICE,
    );
    expect(built.map((call) => call.method)).toEqual(['chat.postMessage']);
    expect(built[0]?.args).toMatchObject({ channel: 'C0STORY', ...POSTED });
    const { card, shown } = await cardAsShown(h as SlackHarness);
    expect(card.atmosphere).toMatch(/^rain <!channel> <@U123> & smoke\. \S/);
    expect(card.present.map((person) => person.name)).toEqual(['Vera']);
    expect(shown).toContain('*Atmosphere*\nrain &lt;!channel&gt; &lt;@U123&gt; &amp; smoke. ');
    expect(sectionsOf(built[0])).toEqual([
      shown,
      '/scene accept c1 opens this scene; /scene build asks for another card; /scene discard c1 drops it.',
    ]);
    // The notification text is the card's start, escaped the same way.
    expect(String(built[0]?.args.text)).toMatch(/^\*Scene card c1: INT\. DINER - NIGHT\*\n\n\*Location\*/);
    for (const mention of ['<!channel>', '<@U123>', '& smoke'])
      expect(shownIn(built[0])).not.toContain(mention);

    const accepted = await slash('/scene', 'accept c1', ALICE);
    expect(accepted.map((call) => call.method)).toEqual(['chat.postMessage']);
    expect(accepted[0]?.args).toMatchObject({ channel: 'C0STORY', ...POSTED });
    expect(sectionsOf(accepted[0])).toEqual([
      'alice opened the scene from card c1.',
      `*INT. DINER - NIGHT*\n${entities([card.location, card.timeOfDay, card.atmosphere].join(' · '))}`,
      '(context)',
    ]);
    const state = await h?.engine.room(ROOM);
    expect(Object.values(state?.scenes ?? {}).at(-1)?.heading).toBe('INT. DINER - NIGHT');
  });

  it("uploads the storyboard frame's PNG with files.uploadV2 into the room's channel, under its caption", async () => {
    images = await startFakeImagesServer();
    const illustrator = createOpenAiIllustrator(
      imageConfigSchema.parse({ IMAGE_BASE_URL: images.baseURL, IMAGE_MODEL: 'sd-test' }),
      { logger: silentLogger },
    );
    await startRoom({ illustrator });
    await slash('/scene', 'start title:"The Heist" heading:"INT. DINER - NIGHT"', MOD);

    const picture = await slash('/scene', 'picture', ALICE);
    expect(picture.map((call) => call.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'file_upload',
      'files.completeUploadExternal',
    ]);
    const [caption, upload, bytes, complete] = picture;
    expect(caption?.args).toMatchObject({ channel: 'C0STORY', ...POSTED });
    expect(sectionsOf(caption)).toEqual(['Storyboard frame of beat 1, INT. DINER - NIGHT']);
    const png = Buffer.from(tinyPng());
    expect(upload?.args).toEqual({
      filename: expect.stringMatching(/^storyboard-p\d+\.png$/),
      length: String(png.length),
    });
    expect(bytes?.target).toBe(upload?.result?.file_id);
    expect(bytes?.raw?.includes(png)).toBe(true);
    expect(complete?.args).toEqual({
      files: JSON.stringify([{ id: upload?.result?.file_id, title: upload?.args.filename }]),
      channel_id: 'C0STORY',
    });
    expect(images.requests).toHaveLength(1);
    // Recorded in the room's log.
    expect(Object.keys((await h?.engine.room(ROOM))?.pictures ?? {})).toHaveLength(1);
  });

  it("uploads a thread room's picture into that thread", async () => {
    images = await startFakeImagesServer();
    const illustrator = createOpenAiIllustrator(
      imageConfigSchema.parse({ IMAGE_BASE_URL: images.baseURL, IMAGE_MODEL: 'sd-test' }),
      { logger: silentLogger },
    );
    const harness = await startRoom({ illustrator });
    const thread = '1700000000.000100';
    const mention = async (text: string) => {
      const body = appMentionBody({ text, userId: 'U0MOD', threadTs: thread });
      expect(
        (await harness.post(body, signedHeaders(body, { contentType: 'application/json' }))).status,
      ).toBe(200);
      await harness.idle();
    };
    await mention('scene start title:"Side Story" heading:"EXT. PIER - DAWN"');
    harness.api.calls.length = 0;
    await mention('scene picture');
    const caption = harness.api.callsOf('chat.postMessage')[0];
    expect(caption?.args).toMatchObject({ channel: 'C0STORY', thread_ts: thread });
    expect(sectionsOf(caption)).toEqual(['Storyboard frame of beat 1, EXT. PIER - DAWN']);
    expect(harness.api.callsOf('files.completeUploadExternal')[0]?.args).toMatchObject({
      channel_id: 'C0STORY',
      thread_ts: thread,
    });
  });

  it('says privately why the images server drew nothing, and posts nothing in the channel', async () => {
    images = await startFakeImagesServer();
    const illustrator = createOpenAiIllustrator(
      imageConfigSchema.parse({ IMAGE_BASE_URL: images.baseURL, IMAGE_MODEL: 'sd-test' }),
      { logger: silentLogger },
    );
    await startRoom({ illustrator });
    await slash('/scene', 'start title:"The Heist" heading:"INT. DINER - NIGHT"', MOD);
    images.enqueue({ kind: 'status', status: 400, code: 'content_policy_violation' });
    const refused = await slash('/scene', 'picture', ALICE);
    expect(refused.map((call) => call.method)).toEqual(['response_url']);
    expect(refused[0]?.args).toMatchObject(EPHEMERAL);
    expect(sectionsOf(refused[0])).toEqual([
      'The images server declined to draw this scene. Nothing was recorded.',
    ]);
    expect((await h?.engine.room(ROOM))?.pictures ?? {}).toEqual({});
  });

  it('tells the person privately that the picture is saved when Slack refuses the upload', async () => {
    images = await startFakeImagesServer();
    const illustrator = createOpenAiIllustrator(
      imageConfigSchema.parse({ IMAGE_BASE_URL: images.baseURL, IMAGE_MODEL: 'sd-test' }),
      { logger: silentLogger },
    );
    const harness = await startRoom({ illustrator });
    await slash('/scene', 'start title:"The Heist" heading:"INT. DINER - NIGHT"', MOD);
    harness.api.failNext('files.getUploadURLExternal', 'missing_scope');
    const calls = await slash('/scene', 'picture', ALICE);
    expect(calls.map((call) => call.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'response_url',
    ]);
    expect(calls[2]?.args).toMatchObject(EPHEMERAL);
    expect(sectionsOf(calls[2])).toEqual([
      "Your /scene picture went through and is saved, but Slack refused part of the reply, so the channel may show only some of it. Please don't run it again: that would do it twice.",
    ]);
    expect(Object.keys((await harness.engine.room(ROOM)).pictures ?? {})).toHaveLength(1);
  });

  it('says privately that pictures need an images model when there is none, and uploads nothing', async () => {
    await startRoom();
    await slash('/scene', 'start title:"The Heist" heading:"INT. DINER - NIGHT"', MOD);
    const picture = await slash('/scene', 'picture', ALICE);
    expect(picture.map((call) => call.method)).toEqual(['response_url']);
    expect(picture[0]?.args).toMatchObject(EPHEMERAL);
    expect(sectionsOf(picture[0])).toEqual([
      'Pictures need an images model: the operator sets IMAGE_MODEL (and IMAGE_BASE_URL for a self-hosted server). Nothing was recorded.',
    ]);
    expect((await h?.engine.room(ROOM))?.pictures ?? {}).toEqual({});
  });
});

describe('/recap and /review in Slack', () => {
  it('recaps privately, reviews in the channel, and gives a personal review privately, escaped', async () => {
    await startRoom();
    await slash('/scene', 'start title:"The Heist" heading:"INT. DINER - NIGHT"', MOD);
    await slash('/action', 'Vera waits in the booth & watches <@U123>.', ALICE);

    const recap = await slash('/recap', '', BOB);
    expect(recap.map((call) => call.method)).toEqual(['response_url']);
    expect(recap[0]?.args).toMatchObject(EPHEMERAL);
    expect(sectionsOf(recap[0])).toEqual([
      'Previously on… (The latest 2 beats)',
      'Previously on "The Heist"…\nThen: INT. DINER - NIGHT.\nVera waits in the booth &amp; watches &lt;@U123&gt;.',
    ]);
    // Up to date now: said privately too.
    const again = await slash('/recap', '', BOB);
    expect(again.map((call) => call.method)).toEqual(['response_url']);
    expect(sectionsOf(again[0])).toEqual(['Nothing new since your last beat or recap: you are up to date.']);

    await slash('/action', 'Sam kills the lights.', ALICE);
    await slash('/react', 'last 👍', BOB);
    const review = await slash('/review', '', BOB);
    expect(review.map((call) => call.method)).toEqual(['chat.postMessage']);
    expect(review[0]?.args).toMatchObject({ channel: 'C0STORY', ...POSTED });
    const [publicText = ''] = sectionsOf(review[0]);
    expect(publicText.split('\n\n').map((part) => part.split('\n')[0])).toEqual([
      "*The critic's review*",
      expect.stringMatching(/^\*[1-5](\.5)? out of 5 stars\*$/),
      '*Logline*',
      '*Synopsis*',
      '*Strengths*',
      '*Weaknesses*',
      '*Pull quote*',
    ]);
    expect(publicText).toContain('+ The audience loved "Sam kills the lights."');
    expect(publicText).toContain('watches &lt;@U123&gt;.');
    expect(shownIn(review[0])).not.toContain('<@U123>');

    const personal = await slash('/review', 'personal', BOB);
    expect(personal.map((call) => call.method)).toEqual(['response_url']);
    expect(personal[0]?.args).toMatchObject(EPHEMERAL);
    const [personalText = ''] = sectionsOf(personal[0]);
    expect(personalText.split('\n\n')[0]).toBe("*The critic's review, for bob*");
    expect(personalText.split('\n\n').at(-1)).toBe(
      '*What you backed*\nYou cheered 👍 at "Sam kills the lights."',
    );
    expect(h?.logs.filter((entry) => entry.level === 'error' || entry.level === 'warn')).toEqual([]);
  });

  it("writes a zh-CN room's recap and review in Chinese (offline narrator)", async () => {
    const harness = await startRoom();
    harness.api.users.set('U0WEI', { name: 'Wei', locale: 'zh-CN' });
    await slash('/scene', 'start title:劫案 language:zh-CN heading:"内景 餐馆 - 夜"', MOD);
    await slash('/action', '薇拉溜进了卡座。', ALICE);

    // The recap is the room's language; its heading is the reader's (Slack's locale), as every private reply.
    const english = await slash('/recap', '', BOB);
    expect(sectionsOf(english[0])).toEqual([
      'Previously on… (The latest 2 beats)',
      '《劫案》前情提要……接着：内景 餐馆 - 夜。薇拉溜进了卡座。',
    ]);
    const chinese = await slash('/recap', '', { userId: 'U0WEI', userName: 'wei' });
    expect(chinese.map((call) => call.method)).toEqual(['response_url']);
    expect(sectionsOf(chinese[0])).toEqual([
      '前情提要（最近 2 段）',
      '《劫案》前情提要……接着：内景 餐馆 - 夜。薇拉溜进了卡座。',
    ]);

    // A public review is in the room's language whoever asks.
    const review = await slash('/review', '', BOB);
    expect(review.map((call) => call.method)).toEqual(['chat.postMessage']);
    const [text = ''] = sectionsOf(review[0]);
    expect(text.split('\n\n').map((part) => part.split('\n')[0])).toEqual([
      '*影评人评论*',
      expect.stringMatching(/^\*[1-5](\.5)? 星（满分 5 星）\*$/),
      '*一句话故事*',
      '*梗概*',
      '*亮点*',
      '*不足*',
      '*摘句*',
    ]);
    expect(text).toContain('《劫案》');
    expect(text).toContain('“薇拉溜进了卡座。”');
  });
});
