// The illustrator against a local images server: base64 or a URL on the same server, checked to be a real
// picture; 5xx and timeouts retried; garbage refused after its retries; a refusal not retried; every failure
// a message saying nothing was recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageConfigSchema } from '../../src/llm/image-config.ts';
import { createOpenAiIllustrator } from '../../src/llm/openai-illustrator.ts';
import { type FakeImagesServer, startFakeImagesServer, tinyPng } from '../helpers/fake-images-server.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { recordingLogger } from './fixtures.ts';

let server: FakeImagesServer;
beforeEach(async () => {
  server = await startFakeImagesServer();
});
afterEach(async () => {
  await server.close();
});

function illustrator(env: Record<string, string> = {}) {
  const delays: number[] = [];
  const config = imageConfigSchema.parse({
    IMAGE_BASE_URL: server.baseURL,
    IMAGE_MODEL: 'stablediffusion',
    IMAGE_SIZE: '256x256',
    ...env,
  });
  const logger = recordingLogger();
  const drawer = createOpenAiIllustrator(config, {
    logger,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
  return { drawer, delays, logger };
}

describe('the OpenAI-compatible illustrator', () => {
  it('asks /v1/images/generations for one base64 picture and returns the checked PNG', async () => {
    const { drawer } = illustrator();
    const picture = await drawer.draw('A diner at night.');
    expect(picture).toMatchObject({ mime: 'image/png', model: 'stablediffusion' });
    expect(Buffer.from(picture.bytes).equals(Buffer.from(tinyPng()))).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/images/generations');
    expect(server.requests[0]?.body).toEqual({
      model: 'stablediffusion',
      prompt: 'A diner at night.',
      n: 1,
      size: '256x256',
      response_format: 'b64_json',
    });
  });

  it('does not send response_format to gpt-image models, which always answer in base64', async () => {
    const { drawer } = illustrator({ IMAGE_MODEL: 'gpt-image-1' });
    await drawer.draw('A pier.');
    expect(server.requests[0]?.body).not.toHaveProperty('response_format');
  });

  it('fetches a picture URL on the images server itself', async () => {
    const { drawer } = illustrator();
    server.enqueue({ kind: 'url', bytes: tinyPng(3, 2) });
    const picture = await drawer.draw('A pier.');
    expect(picture.bytes).toEqual(tinyPng(3, 2));
    expect(server.downloads).toBe(1);
  });

  it('never fetches a URL on another server, and says the answer was not a picture', async () => {
    const { drawer } = illustrator({ IMAGE_MAX_RETRIES: '0' });
    server.enqueue({ kind: 'url', url: 'http://169.254.169.254/latest/meta-data' });
    await expectUserError(drawer.draw('A pier.'), 'not a usable picture');
    expect(server.downloads).toBe(0);
  });

  it('retries a 500 and then returns the picture', async () => {
    const { drawer, delays } = illustrator();
    server.enqueue({ kind: 'status', status: 500 });
    const picture = await drawer.draw('A pier.');
    expect(picture.mime).toBe('image/png');
    expect(server.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('honours retry-after on 429', async () => {
    const { drawer, delays } = illustrator();
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3' } });
    await drawer.draw('A pier.');
    expect(delays).toEqual([3000]);
  });

  it('gives up after its retries when the server keeps failing, with a clear message', async () => {
    const { drawer } = illustrator({ IMAGE_MAX_RETRIES: '2' });
    server.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 503 })));
    await expectUserError(drawer.draw('A pier.'), 'not responding properly. Nothing was recorded');
    expect(server.requests).toHaveLength(3);
  });

  it('times out a server that never answers, retrying once', async () => {
    const { drawer } = illustrator({ IMAGE_TIMEOUT_MS: '200', IMAGE_MAX_RETRIES: '1' });
    server.enqueue({ kind: 'hang' }, { kind: 'hang' });
    await expectUserError(drawer.draw('A pier.'), 'took too long to answer. Nothing was recorded');
    expect(server.requests).toHaveLength(2);
  });

  it('refuses bytes that are not a picture, after retrying them', async () => {
    const { drawer } = illustrator({ IMAGE_MAX_RETRIES: '1' });
    const html = new TextEncoder().encode('<html>Service unavailable</html>');
    const truncated = tinyPng().slice(0, 30);
    server.enqueue({ kind: 'b64', bytes: html }, { kind: 'b64', bytes: truncated });
    await expectUserError(drawer.draw('A pier.'), 'not a usable picture. Nothing was recorded');
    expect(server.requests).toHaveLength(2);
  });

  it('refuses an answer that is not base64 or holds no picture', async () => {
    const { drawer } = illustrator({ IMAGE_MAX_RETRIES: '1' });
    server.enqueue(
      { kind: 'body', body: { data: [{ b64_json: '!!! not base64 !!!' }] } },
      { kind: 'body', body: { data: [] } },
    );
    await expectUserError(drawer.draw('A pier.'), 'not a usable picture');
  });

  it('reports the images model’s refusal at once, without retrying', async () => {
    const { drawer } = illustrator();
    server.enqueue({ kind: 'status', status: 400, code: 'content_policy_violation' });
    await expectUserError(drawer.draw('A pier.'), 'declined to draw this scene');
    expect(server.requests).toHaveLength(1);
  });

  it('names the key when the server refuses the credentials', async () => {
    const { drawer } = illustrator();
    server.enqueue({ kind: 'status', status: 401 });
    await expectUserError(drawer.draw('A pier.'), 'IMAGE_API_KEY');
  });

  it('stops when the person cancels', async () => {
    const { drawer } = illustrator();
    server.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const drawing = drawer.draw('A pier.', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    await expect(drawing).rejects.toThrow('cancelled');
  });
});

describe('IMAGE_* configuration', () => {
  it('is off without IMAGE_MODEL, and needs a key for OpenAI’s own API', () => {
    expect(imageConfigSchema.parse({}).enabled).toBe(false);
    expect(imageConfigSchema.safeParse({ IMAGE_MODEL: 'gpt-image-1' }).success).toBe(false);
    expect(imageConfigSchema.safeParse({ IMAGE_MODEL: 'gpt-image-1', IMAGE_API_KEY: 'sk-x' }).success).toBe(
      true,
    );
    expect(imageConfigSchema.safeParse({ IMAGE_BASE_URL: 'http://localhost:8080/v1' }).success).toBe(false);
    expect(
      imageConfigSchema.safeParse({ IMAGE_MODEL: 'x', IMAGE_API_KEY: 'k', IMAGE_SIZE: 'big' }).success,
    ).toBe(false);
  });
});
