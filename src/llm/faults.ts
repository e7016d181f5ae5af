// What can go wrong talking to a model server, sorted into what to do next: retry the same endpoint, switch
// it to a simpler request (a feature it does not support), move on to the next endpoint, or give up with a
// message for the channel. Messages never carry server text: it can hold keys, URLs or internals.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { msg } from '../i18n/message.ts';
import { UserError } from '../story/errors.ts';

export type FaultKind =
  | 'first-token-timeout'
  | 'reply-timeout'
  | 'rate-limited'
  | 'server-error'
  | 'connection'
  | 'stream-cut'
  | 'malformed-chunk'
  | 'refusal'
  | 'unsupported-feature'
  | 'rejected'
  | 'auth';

/** Optional request features a server may reject: structured output (response_format) and usage in streams. */
export type Feature = 'response_format' | 'stream_options';

export class Fault extends Error {
  override readonly name = 'Fault';
  readonly kind: FaultKind;
  /** Wait this long before retrying (from retry-after), when the server said. */
  readonly retryAfterMs: number | undefined;
  readonly feature: Feature | undefined;
  readonly status: number | undefined;

  constructor(
    kind: FaultKind,
    message: string,
    extra: { retryAfterMs?: number | undefined; feature?: Feature; status?: number | undefined } = {},
  ) {
    super(message);
    this.kind = kind;
    this.retryAfterMs = extra.retryAfterMs;
    this.feature = extra.feature;
    this.status = extra.status;
  }

  /** Worth another try on the same endpoint after a pause. */
  get retryable(): boolean {
    return [
      'first-token-timeout',
      'reply-timeout',
      'rate-limited',
      'server-error',
      'connection',
      'stream-cut',
      'malformed-chunk',
    ].includes(this.kind);
  }
}

/** retry-after-ms, or retry-after in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const FEATURE_HINTS: [RegExp, Feature][] = [
  [/stream_options|include_usage/i, 'stream_options'],
  [/response_format|json_schema|json_object|json mode|schema|structured|guided|grammar/i, 'response_format'],
];

/** Which optional feature a 400/422 complains about, if any. */
export function unsupportedFeature(status: number | undefined, message: string): Feature | undefined {
  if (status !== 400 && status !== 422 && status !== 501) return undefined;
  return FEATURE_HINTS.find(([pattern]) => pattern.test(message))?.[1];
}

/** Any error from one request (the SDK's, the stream's, JSON.parse's) as a Fault. */
export function toFault(error: unknown): Fault {
  if (error instanceof Fault) return error;
  if (error instanceof APIConnectionTimeoutError) return new Fault('reply-timeout', 'request timed out');
  if (error instanceof APIConnectionError) return new Fault('connection', 'could not connect');
  if (error instanceof APIError) {
    const status = error.status;
    const message = error.message ?? '';
    if (status === undefined) return new Fault('stream-cut', 'the server reported an error mid-stream');
    const feature = unsupportedFeature(status, message);
    if (feature) return new Fault('unsupported-feature', message, { feature, status });
    if (status === 429) {
      return new Fault('rate-limited', 'rate limited', { retryAfterMs: retryAfterMs(error.headers), status });
    }
    if (status === 408 || status === 409 || status >= 500) {
      return new Fault('server-error', `status ${status}`, {
        retryAfterMs: retryAfterMs(error.headers),
        status,
      });
    }
    if (status === 401 || status === 403) return new Fault('auth', `status ${status}`, { status });
    return new Fault('rejected', `status ${status}`, { status });
  }
  if (error instanceof SyntaxError) return new Fault('malformed-chunk', 'a stream chunk was not valid JSON');
  // undici reports a body cut mid-way as TypeError("terminated") and similar socket errors.
  return new Fault('stream-cut', error instanceof Error ? error.message : 'the stream failed');
}

/** The message for the channel after every endpoint and retry has failed. */
export function userErrorFor(fault: Fault): UserError {
  switch (fault.kind) {
    case 'first-token-timeout':
    case 'reply-timeout':
      return new UserError('narrator.timeout', msg('llm.narrator.timeout'));
    case 'rate-limited':
      return new UserError('narrator.busy', msg('llm.narrator.rate-limited'));
    case 'refusal':
      return new UserError('narrator.refused', msg('llm.narrator.refused'));
    case 'auth':
      return new UserError('narrator.config', msg('llm.narrator.credentials'));
    case 'rejected':
    case 'unsupported-feature':
      return new UserError('narrator.rejected', msg('llm.narrator.rejected'));
    default:
      return new UserError('narrator.unavailable', msg('llm.narrator.unavailable'));
  }
}
