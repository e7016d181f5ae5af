// Rate limits in the log. A 429 from Discord is a warning with its route and retry time: it should not happen,
// and every one counts towards Discord's 10,000 invalid requests in 10 minutes. The client holding a request
// back to stay inside a bucket or the global limit is normal pacing: counted, and summarised at debug at most
// once per summary interval, never a line per request. @discordjs/rest 2.x emits `rateLimited` only for
// these waits of its own (a retry after a 429 waits there too); a 429 answer is seen in its `response` event.
import { type REST, RESTEvents, type RestEvents } from 'discord.js';
import type { Logger } from '../../logger.ts';

const SUMMARY_MS = 60_000;
/** The routes named in a summary, busiest first. */
const ROUTES_SHOWN = 5;

export interface RateLimitLog {
  /** Stops listening and writes the summary of the waits not yet summarised. */
  stop(): void;
}

export function watchRateLimits(
  rest: REST,
  logger: Logger,
  options: { summaryMs?: number } = {},
): RateLimitLog {
  const summaryMs = options.summaryMs ?? SUMMARY_MS;
  let waits = 0;
  let globalWaits = 0;
  let waitedMs = 0;
  const routes = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  function summarise() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (waits === 0) return;
    const busiest = [...routes].sort((a, b) => b[1] - a[1]).slice(0, ROUTES_SHOWN);
    logger.debug(
      { waits, globalWaits, waitedMs: Math.round(waitedMs), routes: Object.fromEntries(busiest) },
      'discord client paced its requests',
    );
    waits = 0;
    globalWaits = 0;
    waitedMs = 0;
    routes.clear();
  }

  const onPaced = (...[info]: RestEvents['rateLimited']) => {
    waits++;
    if (info.global) globalWaits++;
    waitedMs += Math.max(0, info.timeToReset);
    routes.set(info.route, (routes.get(info.route) ?? 0) + 1);
    if (timer === undefined) {
      timer = setTimeout(summarise, summaryMs);
      timer.unref();
    }
  };

  const onResponse = (...[request, response]: RestEvents['response']) => {
    if (response.status !== 429) return;
    void retryAfterOf(response).then((retryAfterSeconds) =>
      logger.warn(
        {
          // The bucket route: ids as :id and tokens as :token, so no interaction token reaches the log.
          method: request.method,
          route: request.route,
          retryAfterSeconds,
          global: response.headers.has('x-ratelimit-global'),
          scope: response.headers.get('x-ratelimit-scope') ?? undefined,
        },
        'discord rate limit: 429',
      ),
    );
  };

  rest.on(RESTEvents.RateLimited, onPaced);
  rest.on(RESTEvents.Response, onResponse);
  return {
    stop() {
      rest.off(RESTEvents.RateLimited, onPaced);
      rest.off(RESTEvents.Response, onResponse);
      summarise();
    },
  };
}

/**
 * The wait a 429 asks for, in seconds: the body's `retry_after` (a float), else the `Retry-After` header,
 * which Discord rounds up to whole seconds. The response is discord.js's clone, so reading it costs nothing.
 */
async function retryAfterOf(response: RestEvents['response'][1]): Promise<number | undefined> {
  try {
    const body = (await response.json()) as { retry_after?: unknown } | null;
    if (typeof body?.retry_after === 'number' && Number.isFinite(body.retry_after)) return body.retry_after;
  } catch {
    // Not JSON (a proxy's page): the header is all there is.
  }
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && response.headers.has('retry-after') ? header : undefined;
}
