// A fake Discord HTTP API at the edge, with nock: every request the adapter makes is recorded (method, path,
// JSON body, time) and answered the way Discord answers. Tests can make the next matching request fail,
// e.g. with a 429 carrying the rate-limit headers discord.js reads. Channel webhooks are kept per channel;
// threads have none (Discord refuses the webhook routes on a thread), and GET /channels/{id} describes the
// channel or a thread added with addThread.
import { type APIThreadChannel, type APIWebhook, ChannelType, SnowflakeUtil, WebhookType } from 'discord.js';
import nock from 'nock';

export const API = 'https://discord.com';

export interface RecordedCall {
  method: string;
  /** Path without the /api/v10 prefix and query, e.g. "/webhooks/1/tok/messages/@original". */
  path: string;
  query: string;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are asserted field by field in tests.
  body: any;
  at: number;
  status?: number;
  /** The id of the message the fake returned, when it returned one. */
  responseId?: string | undefined;
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
  stop(): void;
}

export function fakeDiscordRest(options: {
  channelId: string;
  applicationId?: string;
  /**
   * Answer each request in a later macrotask, as a real network does. Without it nock answers within the
   * request's own microtasks, so a whole interaction runs as one task (which event-loop delay would measure).
   */
  answerLater?: boolean;
}): FakeDiscordRest {
  const calls: RecordedCall[] = [];
  const failures: Failure[] = [];
  const originals = new Map<string, string>();
  const channelWebhooks = new Map<string, APIWebhook[]>();
  const threads = new Map<string, APIThreadChannel>();
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
      if (channel === options.channelId)
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

  const scope = nock(API).persist();
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
    // nock 15 hands the reply function the fetch Request (one parameter: two would mean callback style).
    scope.intercept(/^\/api\/v10\//, method).reply(async (request: Request) => {
      if (options.answerLater) await new Promise((resolve) => setImmediate(resolve));
      const url = new URL(request.url);
      const call: RecordedCall = {
        method,
        path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
        query: url.search,
        body: parseBody(await request.clone().text()),
        at: Date.now(),
      };
      calls.push(call);
      const [status, body, headers] = answer(call);
      call.status = status;
      if (body && typeof body === 'object' && 'id' in body) call.responseId = String(body.id);
      if (body === '') return [status, '', headers ?? {}];
      return [status, JSON.stringify(body), { 'content-type': 'application/json', ...headers }];
    });
  }

  return {
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
    stop() {
      nock.cleanAll();
    },
  };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' || body.length === 0) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
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
