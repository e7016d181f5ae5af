// A fake Discord HTTP API at the edge, with nock: every request the adapter makes is recorded (method, path,
// JSON body, time) and answered the way Discord answers. Tests can make the next matching request fail,
// e.g. with a 429 carrying the rate-limit headers discord.js reads. Channel webhooks are kept per channel;
// threads have none (Discord refuses the webhook routes on a thread), and GET /channels/{id} describes the
// channel or a thread added with addThread. With `limits`, the fake enforces Discord's rate limits the way
// Discord reports them: the global limit per bot token, or per IP for requests without one (interaction
// endpoints exempt), and per-route buckets,
// with X-RateLimit-* headers on every answer and a 429 with {message, retry_after, global} past a limit.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIThreadChannel,
  type APIWebhook,
  ChannelType,
  DefaultRestOptions,
  type RESTOptions,
  SnowflakeUtil,
  WebhookType,
} from 'discord.js';
import nock from 'nock';

export const API = 'https://discord.com';

const SENT_AT_HEADER = 'x-test-sent-at';

/**
 * A makeRequest for the client that stamps each request with the time it was sent. The fake judges rate
 * limits by it, as Discord would behind a network of steady latency: in one process, a burst of requests
 * reaches the fake late and bunched (up to a few hundred ms on a busy machine), a delay no real network adds.
 */
export const stampSendTime: RESTOptions['makeRequest'] = (url, init) =>
  (DefaultRestOptions.makeRequest as RESTOptions['makeRequest'])(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), [SENT_AT_HEADER]: String(Date.now()) },
  });

export interface RecordedCall {
  method: string;
  /** Path without the /api/v10 prefix and query, e.g. "/webhooks/1/tok/messages/@original". */
  path: string;
  query: string;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are asserted field by field in tests.
  body: any;
  /** Files of a multipart request (its JSON part is `body`), in order. */
  files?: RecordedFile[] | undefined;
  /** When the client sent it (see stampSendTime), else when the fake received it. */
  at: number;
  /** When the fake received it. */
  receivedAt?: number;
  status?: number;
  /** The id of the message the fake returned, when it returned one. */
  responseId?: string | undefined;
  /** Sent with the bot token (Authorization: Bot ...), as opposed to an interaction or webhook token. */
  bot?: boolean;
  /** Which of the fake's limits answered this call with a 429 (not set for failNext). */
  limitedBy?: 'global' | 'route' | undefined;
}

export interface RecordedFile {
  /** The multipart field, e.g. "files[0]". */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** A per-route bucket: at most `limit` calls per `windowMs`, counted per major parameter. */
export interface RouteLimit {
  /** Named in X-RateLimit-Bucket. */
  bucket: string;
  /** The major parameter the call is counted under (a channel, a token), or undefined when not this bucket. */
  key(call: RecordedCall, applicationId: string | undefined): string | undefined;
  limit: number;
  windowMs: number;
}

export interface DiscordLimits {
  /** Requests per second per bot token (per IP without one); interaction endpoints are not counted. */
  globalPerSecond: number;
  routes: RouteLimit[];
}

const interactionWebhook = (path: string, applicationId: string | undefined) => {
  const match = /^\/webhooks\/(\d+)\/([^/]+)/.exec(path);
  return match && match[1] === applicationId ? match[2] : undefined;
};

/** True for the endpoints Discord keeps out of the global limit: callbacks, original responses, follow-ups. */
export const isInteractionEndpoint = (path: string, applicationId: string | undefined): boolean =>
  /^\/interactions\/\d+\/[^/]+\/callback$/.test(path) ||
  interactionWebhook(path, applicationId) !== undefined;

/**
 * Discord's limits as documented (global: 50/s per bot token, interaction endpoints exempt, topics/rate-limits)
 * and as observed where Discord does not document them: messages in a channel 5 per 5 s (sent, edited and
 * deleted separately), a webhook's executions 5 per 2 s, an interaction token's webhook 5 per 2 s.
 */
export function discordLimits(overrides: Partial<DiscordLimits> = {}): DiscordLimits {
  const channelMessages = (method: string, pattern: RegExp) => (call: RecordedCall) =>
    call.method === method ? pattern.exec(call.path)?.[1] : undefined;
  return {
    globalPerSecond: 50,
    routes: [
      {
        bucket: 'interaction-webhook',
        key: (call, applicationId) => interactionWebhook(call.path, applicationId),
        limit: 5,
        windowMs: 2000,
      },
      {
        bucket: 'webhook-execute',
        key: (call, applicationId) => {
          const match = /^\/webhooks\/(\d+)\/[^/]+$/.exec(call.path);
          return call.method === 'POST' && match?.[1] !== applicationId ? match?.[1] : undefined;
        },
        limit: 5,
        windowMs: 2000,
      },
      {
        bucket: 'channel-message-create',
        key: channelMessages('POST', /^\/channels\/(\d+)\/messages$/),
        limit: 5,
        windowMs: 5000,
      },
      {
        bucket: 'channel-message-edit',
        key: channelMessages('PATCH', /^\/channels\/(\d+)\/messages\/\d+$/),
        limit: 5,
        windowMs: 5000,
      },
      {
        bucket: 'channel-message-delete',
        key: channelMessages('DELETE', /^\/channels\/(\d+)\/messages\/\d+$/),
        limit: 5,
        windowMs: 5000,
      },
    ],
    ...overrides,
  };
}

interface Failure {
  match: (call: RecordedCall) => boolean;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface FakeDiscordRest {
  calls: RecordedCall[];
  /** Calls of one method whose path matches. */
  find(method: string, path: RegExp): RecordedCall[];
  /** The next call that matches is answered with this status instead (once). */
  failNext(
    match: (call: RecordedCall) => boolean,
    status: number,
    body: unknown,
    headers?: Record<string, string>,
  ): void;
  /** The id the fake gave to the original response of an interaction token. */
  originalId(token: string): string | undefined;
  /** The channel's webhooks, as GET /channels/{id}/webhooks lists them; tests may add some beforehand. */
  webhooks(channelId: string): APIWebhook[];
  /** A thread Discord knows about: GET /channels/{id} returns it, and its webhook routes are refused. */
  addThread(thread: APIThreadChannel): void;
  /** Another text channel Discord knows about (GET /channels/{id}), besides `channelId`. */
  addChannel(channelId: string): void;
  /** With limits: another process with the same bot token (a shard) made `count` requests this second. */
  spendGlobal(count: number): void;
  stop(): void;
}

export interface FakeOptions {
  channelId: string;
  applicationId?: string;
  /** Enforce Discord's rate limits (see discordLimits); unlimited when not given. */
  limits?: DiscordLimits | undefined;
  /**
   * Answer each request in a later macrotask, as a real network does. Without it nock answers within the
   * request's own microtasks, so a whole interaction runs as one task (which event-loop delay would measure).
   */
  answerLater?: boolean | undefined;
}

/** The fake's state and how it answers one request, whatever carries the request (nock, a server). */
function createFake(options: FakeOptions) {
  const calls: RecordedCall[] = [];
  const limiter = options.limits ? createLimiter(options.limits, options.applicationId) : undefined;
  const failures: Failure[] = [];
  const originals = new Map<string, string>();
  const channelWebhooks = new Map<string, APIWebhook[]>();
  const threads = new Map<string, APIThreadChannel>();
  const textChannels = new Set([options.channelId]);
  const webhooksOf = (channelId: string) => {
    const list = channelWebhooks.get(channelId) ?? [];
    channelWebhooks.set(channelId, list);
    return list;
  };
  const newId = () => SnowflakeUtil.generate().toString();

  const message = (id: string, body: Record<string, unknown> | undefined, channelId = options.channelId) => ({
    id,
    channel_id: channelId,
    type: 0,
    content: body?.content ?? '',
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    flags: body?.flags ?? 0,
    author: {
      id: '1',
      username: 'storyroom',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
  });

  function answer(call: RecordedCall): [number, unknown, Record<string, string>?] {
    const failure = failures.findIndex((candidate) => candidate.match(call));
    if (failure !== -1) {
      const [chosen] = failures.splice(failure, 1);
      if (chosen) return [chosen.status, chosen.body, chosen.headers];
    }
    const { method, path } = call;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return [204, ''];
    const webhookMessage = /^\/webhooks\/\d+\/([^/]+)\/messages\/([^/]+)$/.exec(path);
    if (webhookMessage) {
      const [, token = '', ref = ''] = webhookMessage;
      let id = ref;
      if (ref === '@original') {
        id = originals.get(token) ?? newId();
        originals.set(token, id);
      }
      if (method === 'DELETE') return [204, ''];
      return [200, message(id, call.body)];
    }
    const channel = /^\/channels\/(\d+)$/.exec(path)?.[1];
    if (channel && method === 'GET') {
      const thread = threads.get(channel);
      if (thread) return [200, thread];
      if (textChannels.has(channel))
        return [200, { id: channel, type: ChannelType.GuildText, name: 'story' }];
      return [404, { message: 'Unknown Channel', code: 10003 }];
    }
    const channelWebhook = /^\/channels\/(\d+)\/webhooks$/.exec(path);
    if (channelWebhook) {
      const channelId = channelWebhook[1] ?? '';
      if (threads.has(channelId)) {
        return [400, { message: 'Cannot execute action on this channel type', code: 50024 }];
      }
      if (method === 'GET') return [200, webhooksOf(channelId)];
      const created: APIWebhook = {
        id: newId(),
        type: WebhookType.Incoming,
        channel_id: channelId,
        name: String(call.body?.name ?? ''),
        avatar: null,
        application_id: options.applicationId ?? null,
        token: `webhook-secret-${newId()}`,
      };
      webhooksOf(channelId).push(created);
      return [200, created];
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return [200, message(newId(), call.body)];
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && method === 'POST') return [200, message(newId(), call.body, channelMessages[1])];
    const channelMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (channelMessage && method === 'PATCH') {
      return [200, message(channelMessage[2] ?? '', call.body, channelMessage[1])];
    }
    if (channelMessage && method === 'DELETE') return [204, ''];
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(call.body) ? call.body : [];
      return [200, commands.map((command: object) => ({ ...command, id: newId(), version: newId() }))];
    }
    return [404, { message: 'Unknown route in the fake Discord API', code: 0 }];
  }

  /** Records one request and answers it: status, body text and headers. */
  async function respond(
    method: string,
    url: URL,
    header: (name: string) => string | null,
    readBody: () => Promise<Buffer>,
  ): Promise<[number, string, Record<string, string>]> {
    const receivedAt = Date.now();
    const sentAt = Number(header(SENT_AT_HEADER));
    const at = Number.isFinite(sentAt) && sentAt > 0 ? sentAt : receivedAt;
    const parsed = await parseBody(await readBody(), header('content-type'));
    const call: RecordedCall = {
      method,
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
      query: url.search,
      body: parsed.body,
      ...(parsed.files && { files: parsed.files }),
      at,
      receivedAt,
    };
    calls.push(call);
    call.bot = header('authorization')?.startsWith('Bot ') ?? false;
    const limited = limiter?.admit(call);
    const [status, body, headers] = limited ?? answer(call);
    if (limited) call.limitedBy = limited[3];
    call.status = status;
    if (body && typeof body === 'object' && 'id' in body) call.responseId = String(body.id);
    const allHeaders = { ...limiter?.headers(call), ...headers };
    if (body === '') return [status, '', allHeaders];
    return [status, JSON.stringify(body), { 'content-type': 'application/json', ...allHeaders }];
  }

  const fake: FakeDiscordRest = {
    calls,
    find: (method, path) => calls.filter((call) => call.method === method && path.test(call.path)),
    failNext(match, status, body, headers = {}) {
      failures.push({ match, status, body, headers });
    },
    originalId: (token) => originals.get(token),
    webhooks: webhooksOf,
    addThread(thread) {
      threads.set(thread.id, thread);
    },
    addChannel(channelId) {
      textChannels.add(channelId);
    },
    spendGlobal(count) {
      limiter?.spendGlobal(count);
    },
    stop() {},
  };
  return { fake, respond };
}

export function fakeDiscordRest(options: FakeOptions): FakeDiscordRest {
  const { fake, respond } = createFake(options);
  const scope = nock(API).persist();
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
    // nock 15 hands the reply function the fetch Request (one parameter: two would mean callback style).
    scope.intercept(/^\/api\/v10\//, method).reply(async (request: Request) => {
      if (options.answerLater) await new Promise((resolve) => setImmediate(resolve));
      return respond(
        method,
        new URL(request.url),
        (name) => request.headers.get(name),
        async () => Buffer.from(await request.clone().arrayBuffer()),
      );
    });
  }
  return {
    ...fake,
    stop() {
      nock.cleanAll();
    },
  };
}

/**
 * The same fake as a plain HTTP server on 127.0.0.1, for benchmarks: no interception in the client's process,
 * no TLS. Point the client's REST at `api`.
 */
export async function serveFakeDiscordRest(options: FakeOptions): Promise<FakeDiscordRest & { api: string }> {
  const { fake, respond } = createFake(options);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const readBody = async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    const header = (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    };
    const [status, body, headers] = await respond(request.method ?? 'GET', url, header, readBody);
    response.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    api: `http://127.0.0.1:${port}/api`,
    stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

interface Window {
  start: number;
  count: number;
  /** Where the previous window ended. */
  previousEnd: number;
}

/**
 * Fixed windows, each starting at the first call after the previous one ended (as @discordjs/rest counts its
 * own global budget). A call past a limit is answered 429 and not counted.
 */
function createLimiter(limits: DiscordLimits, applicationId: string | undefined) {
  const newWindow = (): Window => ({
    start: Number.NEGATIVE_INFINITY,
    count: 0,
    previousEnd: Number.NEGATIVE_INFINITY,
  });
  // The global limit is the bot token's; requests without one (channel webhooks) count against the IP's.
  const globals = { bot: newWindow(), ip: newWindow() };
  const globalOf = (call: RecordedCall) => (call.bot ? globals.bot : globals.ip);
  const buckets = new Map<string, Window>();
  const routeOf = new WeakMap<RecordedCall, { rule: RouteLimit; window: Window }>();

  const current = (window: Window, windowMs: number, at: number) => {
    if (at >= window.start + windowMs) {
      window.previousEnd = window.start + windowMs;
      window.start = at;
      window.count = 0;
    } else if (at < window.start && at >= window.previousEnd) {
      // Sent before the call that opened the window but received after it: the window opened when it was sent.
      window.start = at;
    }
    return window;
  };
  const tooMany = (retryAfterMs: number, isGlobal: boolean): [number, unknown, Record<string, string>] => {
    const seconds = Math.max(0.001, retryAfterMs / 1000);
    return [
      429,
      { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global: isGlobal },
      // Discord's Retry-After header is whole seconds, rounded up; the body has the exact time.
      { 'retry-after': String(Math.ceil(seconds)), ...(isGlobal ? { 'x-ratelimit-global': 'true' } : {}) },
    ];
  };

  return {
    /** The 429 answer when the call is over a limit; otherwise counts it and returns undefined. */
    admit(call: RecordedCall): [number, unknown, Record<string, string>, 'global' | 'route'] | undefined {
      const at = call.at;
      for (const rule of limits.routes) {
        const key = rule.key(call, applicationId);
        if (key === undefined) continue;
        const id = `${rule.bucket}:${key}`;
        const window = current(
          buckets.get(id) ?? { start: at, count: 0, previousEnd: Number.NEGATIVE_INFINITY },
          rule.windowMs,
          at,
        );
        buckets.set(id, window);
        routeOf.set(call, { rule, window });
        break;
      }
      if (!isInteractionEndpoint(call.path, applicationId)) {
        const window = current(globalOf(call), 1000, at);
        if (window.count >= limits.globalPerSecond) {
          const [status, body, headers] = tooMany(window.start + 1000 - at, true);
          return [status, body, { ...headers, 'x-ratelimit-scope': 'global' }, 'global'];
        }
      }
      const route = routeOf.get(call);
      if (route && route.window.count >= route.rule.limit) {
        const [status, body, headers] = tooMany(route.window.start + route.rule.windowMs - at, false);
        return [status, body, headers, 'route'];
      }
      if (!isInteractionEndpoint(call.path, applicationId)) current(globalOf(call), 1000, at).count++;
      if (route) route.window.count++;
      return undefined;
    },
    /** The X-RateLimit-* headers of the call's bucket, as Discord sends them with every answer. */
    headers(call: RecordedCall): Record<string, string> {
      const route = routeOf.get(call);
      // A global 429 names no bucket (Discord's example of one carries only Retry-After and the global headers).
      if (!route || call.limitedBy === 'global') return {};
      const resetAt = route.window.start + route.rule.windowMs;
      return {
        'x-ratelimit-limit': String(route.rule.limit),
        'x-ratelimit-remaining': String(Math.max(0, route.rule.limit - route.window.count)),
        'x-ratelimit-reset': (resetAt / 1000).toFixed(3),
        'x-ratelimit-reset-after': (Math.max(0, resetAt - call.at) / 1000).toFixed(3),
        'x-ratelimit-bucket': route.rule.bucket,
        'x-ratelimit-scope': 'user',
      };
    },
    spendGlobal(count: number) {
      current(globals.bot, 1000, Date.now()).count += count;
    },
  };
}

/** A JSON body as an object; a multipart one (a message with files) as its payload_json and its files. */
async function parseBody(
  raw: Buffer,
  contentType: string | null,
): Promise<{ body: unknown; files?: RecordedFile[] | undefined }> {
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({
        field,
        name: value.name,
        contentType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  if (text.length === 0) return { body: text };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text };
  }
}

/** The headers Discord sends with a per-route 429. */
export function rateLimitHeaders(retryAfterSeconds: number): Record<string, string> {
  return {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': String(retryAfterSeconds),
    'x-ratelimit-bucket': 'fake-bucket',
    'x-ratelimit-scope': 'user',
  };
}
