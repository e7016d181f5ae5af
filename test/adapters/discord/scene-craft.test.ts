// /scene build, accept and picture on Discord: the card as an embed of fields, the accepted scene as a
// heading, and the storyboard frame as an image attachment of the public reply.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageConfigSchema } from '../../../src/llm/image-config.ts';
import { createOpenAiIllustrator } from '../../../src/llm/openai-illustrator.ts';
import { silentLogger } from '../../../src/logger.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { ALICE, APP_ID, MOD, slashCommand } from '../../helpers/discord-payloads.ts';
import { type FakeImagesServer, startFakeImagesServer, tinyPng } from '../../helpers/fake-images-server.ts';

let harness: Harness;
let images: FakeImagesServer;
beforeEach(async () => {
  images = await startFakeImagesServer();
});
afterEach(async () => {
  await harness.close();
  await images.close();
  nock.cleanAll();
});

const original = (payload: { token: string }) => `/webhooks/${APP_ID}/${payload.token}/messages/@original`;
const lastFor = (h: Harness, payload: { token: string; id: string }) =>
  h.rest.calls.filter((call) => call.path.includes(payload.token) || call.path.includes(payload.id)).at(-1);

const illustrator = () =>
  createOpenAiIllustrator(
    imageConfigSchema.parse({ IMAGE_BASE_URL: images.baseURL, IMAGE_MODEL: 'sd-test' }),
    {
      logger: silentLogger,
    },
  );

describe('scene craft on Discord', () => {
  it('shows a scene card as fields, opens the scene on accept, and attaches the storyboard frame', async () => {
    harness = await startHarness({ illustrator: illustrator() });
    await harness.send(slashCommand('scene start', { title: 'The Long Night' }, MOD));
    await harness.send(slashCommand('character add', { name: 'Vera', description: 'A red coat' }, MOD));

    const build = slashCommand('scene build', { heading: 'INT. DINER - NIGHT', notes: 'rain' }, ALICE);
    await harness.send(build);
    const card = lastFor(harness, build);
    expect(card?.path).toBe(original(build));
    const embed = (
      (card?.body.embeds ?? []) as { title: string; fields: { name: string; value: string }[] }[]
    )[0];
    expect(embed?.title).toBe('Scene card c1: INT. DINER - NIGHT');
    expect(embed?.fields.map((field) => field.name)).toEqual([
      'Location',
      'Time of day',
      'Atmosphere',
      'Lighting',
      'Sounds',
      'Key props',
      'Who is here, and what they want',
    ]);
    expect(embed?.fields[2]?.value).toMatch(/^rain\. /);

    const accept = slashCommand('scene accept', { id: 'c1' }, ALICE);
    await harness.send(accept);
    expect(JSON.stringify(lastFor(harness, accept)?.body)).toContain('INT. DINER - NIGHT');

    const picture = slashCommand('scene picture', {}, ALICE);
    await harness.send(picture);
    const reply = lastFor(harness, picture);
    expect(reply?.body.content).toBe('Storyboard frame of beat 1, INT. DINER - NIGHT');
    expect(reply?.body.attachments).toEqual([{ id: '0' }]);
    expect(reply?.files).toHaveLength(1);
    expect(reply?.files?.[0]).toMatchObject({
      field: 'files[0]',
      name: expect.stringMatching(/^storyboard-p\d+\.png$/),
    });
    expect(reply?.files?.[0]?.bytes.equals(Buffer.from(tinyPng()))).toBe(true);
  });

  it('tells the person privately that pictures need an images model when there is none', async () => {
    harness = await startHarness();
    await harness.send(slashCommand('scene start', { title: 'Dark', heading: 'INT. DINER - NIGHT' }, MOD));
    const picture = slashCommand('scene picture', {}, ALICE);
    await harness.send(picture);
    const reply = lastFor(harness, picture);
    expect(String(reply?.body.content)).toContain('Pictures need an images model');
    expect(reply?.files).toBeUndefined();
    expect(images.requests).toHaveLength(0);
  });
});
