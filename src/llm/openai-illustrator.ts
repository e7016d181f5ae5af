// The illustrator on any OpenAI-compatible images endpoint (/v1/images/generations): one request per attempt,
// retried with backoff (honouring retry-after) after a timeout, a 5xx, a refused connection or bytes that are
// not a picture, like the narrator's requests. The picture comes back as base64 (gpt-image models always,
// others when asked) or as a URL on the same server, which is fetched; either way it is checked
// (picture-bytes.ts) before it is returned. Every failure ends as a UserError saying nothing was recorded.
import OpenAI, { APIError } from 'openai';
import { msg } from '../i18n/message.ts';
import type { Logger } from '../logger.ts';
import { UserError } from '../story/errors.ts';
import { type Illustrator, PICTURE_MAX_BYTES, type Picture } from '../story/illustrator.ts';
import { Fault, toFault } from './faults.ts';
import type { ImageConfig } from './image-config.ts';
import { withOpenAiErrorShape } from './live-endpoint.ts';
import { decodeBase64, pictureType } from './picture-bytes.ts';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy, type Sleep, sleep } from './retry-policy.ts';

export interface OpenAiIllustratorDeps {
  logger: Logger;
  /** Waits between retries; tests pass one that returns at once. */
  sleep?: Sleep | undefined;
  random?: (() => number) | undefined;
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>> | undefined;
  fetch?: typeof fetch | undefined;
}

/** The answer was not a usable picture (not base64, not an image, too big, a URL elsewhere). */
class NotAPicture extends Error {
  override readonly name = 'NotAPicture';
}

// OpenAI answers a prompt its image safety system declines with 400 and one of these codes.
const REFUSAL_CODES = new Set(['content_policy_violation', 'moderation_blocked']);

function userErrorFor(error: unknown): UserError {
  if (error instanceof NotAPicture) return new UserError('picture.invalid', msg('scenes.picture.invalid'));
  if (error instanceof APIError && typeof error.code === 'string' && REFUSAL_CODES.has(error.code))
    return new UserError('picture.refused', msg('scenes.picture.refused'));
  const fault = toFault(error);
  switch (fault.kind) {
    case 'first-token-timeout':
    case 'reply-timeout':
      return new UserError('picture.timeout', msg('scenes.picture.timeout'));
    case 'rate-limited':
      return new UserError('picture.busy', msg('scenes.picture.rate-limited'));
    case 'auth':
      return new UserError('picture.config', msg('scenes.picture.credentials'));
    case 'rejected':
    case 'unsupported-feature':
      return new UserError('picture.rejected', msg('scenes.picture.rejected'));
    default:
      return new UserError('picture.unavailable', msg('scenes.picture.unavailable'));
  }
}

/** GPT image models always answer in base64 and refuse response_format. */
const alwaysBase64 = (model: string) => /^gpt-image/i.test(model);

export function createOpenAiIllustrator(config: ImageConfig, deps: OpenAiIllustratorDeps): Illustrator {
  const { logger } = deps;
  const baseFetch = deps.fetch ?? fetch;
  const client = new OpenAI({
    baseURL: config.baseURL,
    apiKey: config.apiKey,
    // Retries are ours (below), so the SDK makes exactly one attempt.
    maxRetries: 0,
    timeout: config.timeoutMs,
    logLevel: 'off',
    fetch: withOpenAiErrorShape(baseFetch),
  });
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry, maxRetries: config.maxRetries };
  const wait = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  const origin = new URL(client.baseURL).origin;

  /** A picture URL is fetched only from the images server itself, never from anywhere a reply names. */
  async function download(url: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
    let target: URL;
    try {
      target = new URL(url, client.baseURL);
    } catch {
      throw new NotAPicture('the picture URL is not a URL');
    }
    if (target.origin !== origin) throw new NotAPicture('the picture URL is not on the images server');
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const response = await baseFetch(target, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    }).catch((error: unknown) => {
      throw timeout.aborted ? new Fault('reply-timeout', 'picture download timed out') : error;
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Fault('server-error', `picture download: status ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > PICTURE_MAX_BYTES) {
      await response.body?.cancel();
      throw new NotAPicture('the picture is too big');
    }
    // Read at most the limit (plus one byte to know it was over), whatever the headers said.
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const part of response.body ?? []) {
      size += part.byteLength;
      if (size > PICTURE_MAX_BYTES) throw new NotAPicture('the picture is too big');
      parts.push(part);
    }
    return new Uint8Array(Buffer.concat(parts));
  }

  async function attempt(prompt: string, signal: AbortSignal | undefined): Promise<Picture> {
    const answer = await client.images.generate(
      {
        model: config.model,
        prompt,
        n: 1,
        size: config.size,
        ...(alwaysBase64(config.model) ? {} : { response_format: 'b64_json' as const }),
      },
      { signal, timeout: config.timeoutMs, maxRetries: 0 },
    );
    const image = answer.data?.[0];
    let bytes: Uint8Array | undefined;
    if (typeof image?.b64_json === 'string') bytes = decodeBase64(image.b64_json);
    else if (typeof image?.url === 'string') bytes = await download(image.url, signal);
    if (!bytes) throw new NotAPicture('the answer holds no picture');
    const mime = pictureType(bytes);
    if (!mime) throw new NotAPicture('the bytes are not a PNG, JPEG or WebP picture');
    return { bytes, mime, model: config.model };
  }

  return {
    async draw(prompt, options = {}) {
      const { signal } = options;
      for (let tries = 0; ; tries++) {
        try {
          return await attempt(prompt, signal);
        } catch (error) {
          if (signal?.aborted) throw signal.reason ?? error;
          const refusal = error instanceof APIError && REFUSAL_CODES.has(String(error.code));
          const fault = error instanceof NotAPicture ? undefined : toFault(error);
          const retryable = !refusal && (fault ? fault.retryable : true);
          const delay = fault?.retryAfterMs ?? backoffDelay(tries, retry, random);
          const again = retryable && tries < retry.maxRetries && delay <= retry.maxRetryAfterMs;
          logger.warn(
            {
              model: config.model,
              fault: fault?.kind ?? 'not-a-picture',
              status: fault?.status,
              attempt: tries,
              retryInMs: again ? delay : undefined,
            },
            again ? 'images request failed; retrying' : 'images request failed; giving up',
          );
          if (!again) throw userErrorFor(error);
          await wait(delay, signal);
        }
      }
    },
  };
}
