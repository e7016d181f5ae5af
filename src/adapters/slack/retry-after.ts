// How Slack's 429s surface, and the WebClient the runtime should use. @slack/web-api answers a 429 in one of
// two ways: with `rejectRateLimitedCalls` it throws WebAPIRateLimitedError (the call is lost unless someone
// sends it again), otherwise it pauses the client's queue for Retry-After and retries the call itself, emitting
// `rate_limited` first. We take the second, so no call is lost, and pass the event on (onRateLimited) so the
// team's edit budget (edit-budget.ts) holds its other edits for that long too. retryAfterMsOf reads the first
// kind, for clients made with rejectRateLimitedCalls (e.g. by a test) and for the budget's sends.
import { ErrorCode, WebClient, WebClientEvent, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../logger.ts';
import { slackLoggerOf } from './slack-logger.ts';

export interface RateLimited {
  retryAfterMs: number;
  /** The Web API method, e.g. chat.update (never the request body: it can hold a token). */
  method: string;
}

export type OnRateLimited = (event: RateLimited) => void;

/** Milliseconds a failed call says to wait when Slack rate-limited it; undefined for any other failure. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const coded = error as { code?: unknown; retryAfter?: unknown; data?: unknown };
  if (coded.code === ErrorCode.RateLimitedError) return secondsToMs(coded.retryAfter);
  // A 200 with {"ok":false,"error":"ratelimited"} keeps Retry-After in the response's metadata.
  if (coded.code === ErrorCode.PlatformError && typeof coded.data === 'object' && coded.data !== null) {
    const data = coded.data as { error?: unknown; response_metadata?: { retryAfter?: unknown } };
    if (data.error === 'ratelimited') return secondsToMs(data.response_metadata?.retryAfter) ?? 1000;
  }
  return undefined;
}

function secondsToMs(seconds: unknown): number | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Options for every WebClient storyroom makes (also Bolt's `clientOptions`). */
export function slackClientOptions(options: {
  slackApiUrl?: string | undefined;
  logger?: Logger | undefined;
}): WebClientOptions {
  return {
    // Wait out a 429 and send the call again: no reply or edit is lost.
    rejectRateLimitedCalls: false,
    ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
    ...(options.logger === undefined ? {} : { logger: slackLoggerOf(options.logger) }),
  };
}

const watched = new WeakSet<WebClient>();

/** Calls onRateLimited whenever the client is told to wait (once per client: later calls add nothing). */
export function watchRateLimits(client: WebClient, onRateLimited: OnRateLimited): void {
  if (watched.has(client)) return;
  watched.add(client);
  client.on(WebClientEvent.RATE_LIMITED, (retrySec: unknown, request: unknown) => {
    const url = (request as { url?: unknown } | undefined)?.url;
    onRateLimited({
      retryAfterMs: secondsToMs(retrySec) ?? 0,
      method: typeof url === 'string' ? (url.split('/').at(-1) ?? '') : '',
    });
  });
}

export function createSlackWebClient(
  token: string | undefined,
  options: {
    slackApiUrl?: string | undefined;
    logger?: Logger | undefined;
    onRateLimited?: OnRateLimited | undefined;
  } = {},
): WebClient {
  const client = new WebClient(token, slackClientOptions(options));
  if (options.onRateLimited) watchRateLimits(client, options.onRateLimited);
  return client;
}
