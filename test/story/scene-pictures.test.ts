// /scene picture through the engine: the prompt from the scene card, the characters' looks and the rating;
// the picture from a local fake images server; recorded (event with prompt, name, size, hash; bytes beside
// the log) only when it came back whole, and in the HTML transcript as an embedded image.
import { createHash } from 'node:crypto';
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageConfigSchema } from '../../src/llm/image-config.ts';
import { createOpenAiIllustrator } from '../../src/llm/openai-illustrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { toHtml } from '../../src/screenplay/html-transcript.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import { PICTURES_KEPT, readPictureFile } from '../../src/story/picture-files.ts';
import { roomIdOf } from '../../src/story/room-id.ts';
import { roomStateSchema } from '../../src/story/room-state-schema.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { type FakeImagesServer, startFakeImagesServer, tinyPng } from '../helpers/fake-images-server.ts';
import { startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { createRecordingNarrator } from '../helpers/recording-narrator.ts';
import { alice, carol, mod, room } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { llmConfig, testNarrator } from '../llm/fixtures.ts';

let images: FakeImagesServer;
beforeEach(async () => {
  images = await startFakeImagesServer();
});
afterEach(async () => {
  await images.close();
});

function setup(options: { illustrate?: boolean; narrator?: Narrator; store?: EventStore } = {}) {
  const store = options.store ?? createKeyvEventStore(new Keyv());
  const illustrator =
    options.illustrate === false
      ? undefined
      : createOpenAiIllustrator(
          imageConfigSchema.parse({
            IMAGE_BASE_URL: images.baseURL,
            IMAGE_MODEL: 'sd-test',
            IMAGE_MAX_RETRIES: '1',
          }),
          { logger: silentLogger, sleep: async () => {} },
        );
  const engine = createStoryEngine({
    store,
    narrator: options.narrator ?? createRecordingNarrator(),
    clock: createFakeClock(),
    logger: silentLogger,
    illustrator,
  });
  return { engine, store };
}

/** A story with a cast (one look with markup in it), a built scene and a line in it. */
async function storyWithCard(engine: StoryEngine, rating: 'general' | 'teen' | 'mature' = 'teen') {
  await engine.startStory(room, mod, { title: 'The Heist', rating, heading: 'INT. DINER - NIGHT' });
  await engine.addCharacter(room, mod, {
    name: 'Vera',
    description: 'Silver hair, a <b>red</b> coat & a scar.',
  });
  await engine.designScene(room, alice, {});
  await engine.acceptScene(room, alice, { id: 'c1' });
  await engine.say(room, alice, { character: 'Vera', text: 'Nobody moves.' });
}

describe('/scene picture', () => {
  it('says pictures need an images model when there is none, and records nothing', async () => {
    const { engine } = setup({ illustrate: false });
    await storyWithCard(engine);
    const before = (await engine.room(room)).seq;
    await expectUserError(engine.pictureScene(room, alice, {}), 'Pictures need an images model');
    expect((await engine.room(room)).seq).toBe(before);
    expect(images.requests).toHaveLength(0);
  });

  it('draws the latest beat from the card, the looks and the rating, and records it with its prompt', async () => {
    const { engine, store } = setup();
    await storyWithCard(engine, 'general');
    const outcome = await engine.pictureScene(room, alice, {});
    const png = tinyPng();
    expect(outcome.bytes).toEqual(png);
    expect(outcome.position).toBe(3);
    expect(outcome.scene.heading).toBe('EXT. HARBOR - NIGHT');
    const prompt = String(images.requests[0]?.body.prompt);
    expect(prompt).toContain('Scene: EXT. HARBOR - NIGHT.');
    expect(prompt).toContain('VERA says: Nobody moves.');
    expect(prompt).toContain('Place: The end of the pier.');
    expect(prompt).toContain('Lighting: One sodium lamp.');
    expect(prompt).toContain('VERA: Silver hair, a <b>red</b> coat & a scar.');
    expect(prompt).toContain('Suitable for all ages');

    const history = await engine.history(room, { pictures: true });
    const event = history.events.at(-1);
    const sha256 = createHash('sha256').update(png).digest('hex');
    expect(event).toMatchObject({
      type: 'scene.pictured',
      actor: { id: alice.id },
      picture: {
        id: outcome.picture.id,
        beatId: outcome.beat.id,
        sceneId: outcome.scene.id,
        name: `storyboard-${outcome.picture.id}.png`,
        mime: 'image/png',
        size: png.length,
        sha256,
        model: 'sd-test',
        prompt,
      },
    });
    expect(await readPictureFile(store, roomIdOf(room), sha256)).toEqual({
      mime: 'image/png',
      base64: Buffer.from(png).toString('base64'),
    });
    expect(history.pictures?.[outcome.picture.id]?.base64).toBe(Buffer.from(png).toString('base64'));
    // Other readers of the history (the story map, the audit, other formats) do not load the bytes.
    expect((await engine.history(room)).pictures).toBeUndefined();
  });

  it('embeds the frame in the HTML transcript as a data: URI, with the prompt escaped', async () => {
    const { engine } = setup();
    await storyWithCard(engine);
    const { picture } = await engine.pictureScene(room, alice, {});
    const html = toHtml(await engine.history(room, { pictures: true }), { scope: 'all' });
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from(tinyPng()).toString('base64')}"`);
    expect(html).toContain(`<figure id="${picture.id}">`);
    expect(html).toContain('a &lt;b&gt;red&lt;/b&gt; coat &amp; a scar');
    expect(html).not.toContain('<b>red</b>');
    expect(html).toContain('/scene picture');
  });

  it('draws a given beat, by its number from the start, and refuses numbers the story does not have', async () => {
    const { engine } = setup();
    await storyWithCard(engine);
    const outcome = await engine.pictureScene(room, alice, { beat: 1 });
    expect(outcome.scene.heading).toBe('INT. DINER - NIGHT');
    expect(String(images.requests[0]?.body.prompt)).not.toContain('The moment:');
    await expectUserError(
      engine.pictureScene(room, alice, { beat: 9 }),
      'There is no beat 9: the story has 3 beats',
    );
  });

  it('refuses a beat before any scene heading, an empty story, the audience of a writers-only room and a locked room', async () => {
    const { engine } = setup();
    await engine.startStory(room, mod, { title: 'No scene' });
    await expectUserError(engine.pictureScene(room, alice, {}), 'no beats yet');
    await engine.action(room, alice, { text: 'Fog.' });
    await expectUserError(engine.pictureScene(room, alice, {}), 'before the first scene heading');
    await engine.newScene(room, alice, { heading: 'EXT. FIELD - DAY' });
    await engine.updateSettings(room, mod, { whoMayContinue: 'writers' });
    await expectUserError(engine.pictureScene(room, carol, {}), 'writer');
    await engine.lock(room, mod);
    await expectUserError(engine.pictureScene(room, alice, {}), 'locked');
    expect(images.requests).toHaveLength(0);
  });

  it('retries a 500 and records the frame once', async () => {
    const { engine } = setup();
    await storyWithCard(engine);
    images.enqueue({ kind: 'status', status: 500 });
    await engine.pictureScene(room, alice, {});
    const history = await engine.history(room);
    expect(images.requests).toHaveLength(2);
    expect(history.events.filter((event) => event.type === 'scene.pictured')).toHaveLength(1);
  });

  it('records nothing, bytes included, when the server sends garbage', async () => {
    const { engine, store } = setup();
    await storyWithCard(engine);
    const before = (await engine.room(room)).seq;
    const garbage = new TextEncoder().encode('not a picture at all');
    images.enqueue({ kind: 'b64', bytes: garbage }, { kind: 'b64', bytes: garbage });
    await expectUserError(engine.pictureScene(room, alice, {}), 'not a usable picture. Nothing was recorded');
    expect((await engine.room(room)).seq).toBe(before);
    const sha = createHash('sha256').update(garbage).digest('hex');
    expect(await readPictureFile(store, roomIdOf(room), sha)).toBeUndefined();
  });

  it('takes the bytes back when the event cannot be stored, so nothing is half-recorded', async () => {
    const inner = createKeyvEventStore(new Keyv());
    let failAppends = false;
    const store: EventStore = {
      ...inner,
      append: (...args: Parameters<EventStore['append']>) =>
        failAppends ? Promise.reject(new Error('the store went away')) : inner.append(...args),
    };
    const { engine } = setup({ store });
    await storyWithCard(engine);
    const before = (await engine.room(room)).seq;
    const png = tinyPng(1, 1, [9, 9, 9]);
    images.enqueue({ kind: 'b64', bytes: png });
    failAppends = true;
    await expect(engine.pictureScene(room, alice, {})).rejects.toThrow();
    failAppends = false;
    expect((await engine.room(room)).seq).toBe(before);
    const sha = createHash('sha256').update(png).digest('hex');
    expect(await readPictureFile(inner, roomIdOf(room), sha)).toBeUndefined();
  });

  it(`keeps the bytes of the latest ${PICTURES_KEPT} frames; older ones stay in the log and the transcript without them`, async () => {
    const { engine, store } = setup();
    await storyWithCard(engine);
    const frames = PICTURES_KEPT + 1;
    for (let i = 0; i < frames; i++) images.enqueue({ kind: 'b64', bytes: tinyPng(1, 1, [i, 0, 0]) });
    const outcomes = [];
    for (let i = 0; i < frames; i++) outcomes.push(await engine.pictureScene(room, alice, {}));
    const first = outcomes[0]?.picture;
    const second = outcomes[1]?.picture;
    if (!first || !second) throw new Error('no pictures');
    expect(await readPictureFile(store, roomIdOf(room), first.sha256)).toBeUndefined();
    expect(await readPictureFile(store, roomIdOf(room), second.sha256)).toBeDefined();
    const history = await engine.history(room, { pictures: true });
    expect(history.state.pictures).toHaveLength(frames);
    expect(Object.keys(history.pictures ?? {})).toHaveLength(PICTURES_KEPT);
    expect(toHtml(history, { scope: 'story' })).toContain('Picture no longer kept');
    // Within a byte budget the newest frames are embedded and older kept ones left out, saying so.
    const one = Buffer.from(tinyPng()).toString('base64').length;
    const small = toHtml(history, { scope: 'story', picturesMax: 2 * one });
    expect(small.match(/<img src="data:/g)).toHaveLength(2);
    expect(small).toContain(`<figure id="${outcomes.at(-1)?.picture.id}"><img`);
    expect(small).toContain('Picture left out to keep this file small enough to share');
  });
});

describe('scene cards and frames after a restart', () => {
  it('load from the log and pass the snapshot check, card and frame records included', async () => {
    const { engine, store } = setup();
    await storyWithCard(engine);
    const { picture } = await engine.pictureScene(room, alice, {});
    engine.stop();
    const { engine: after } = setup({ store });
    const state = await after.room(room);
    expect(state.pictures).toEqual([picture]);
    expect(Object.values(state.scenes).find((scene) => scene.card)?.card?.location).toBe(
      'The end of the pier',
    );
    expect(roomStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success).toBe(true);
    after.stop();
  });
});

describe('/scene picture with the content filter on', () => {
  it('checks the prompt first: a flagged one is refused before the images server is asked, and nothing is recorded', async () => {
    const llm = await startFakeOpenAiServer();
    try {
      llm.moderate((input) => (/Nobody moves/.test(input) ? 'violence' : undefined));
      const { narrator } = testNarrator(
        llmConfig(llm.baseURL, {
          LLM_MODERATION: 'on',
          LLM_MODERATION_BASE_URL: llm.baseURL,
          LLM_SERVER: 'openai',
        }),
      );
      const { engine } = setup({ narrator });
      await engine.startStory(room, mod, { title: 'The Heist', heading: 'INT. DINER - NIGHT' });
      await engine.addCharacter(room, mod, { name: 'Vera', description: 'A safecracker' });
      llm.moderate(() => undefined);
      await engine.say(room, alice, { character: 'Vera', text: 'Nobody moves.' });
      llm.moderate((input) => (/Nobody moves/.test(input) ? 'violence' : undefined));
      const before = (await engine.room(room)).seq;
      await expectUserError(engine.pictureScene(room, alice, {}), 'content filter flagged');
      expect(images.requests).toHaveLength(0);
      expect((await engine.room(room)).seq).toBe(before);
      const moderated = llm.requests.filter((request) => request.path.endsWith('/moderations')).at(-1);
      expect(String(((moderated?.body.input ?? []) as string[])[0])).toContain('A single storyboard frame');
    } finally {
      await llm.close();
    }
  });
});
