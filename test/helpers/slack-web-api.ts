// A local fake of Slack's Web API (WebClient's slackApiUrl points here) that records every call in order:
// the method, its arguments as the client sent them (form fields, JSON-decoded where Slack expects JSON),
// and the response_url posts and file uploads that are not Web API methods. It answers as Slack does for the
// methods storyroom uses, and can be told to answer a method with a 429 and Retry-After: the next calls, or
// every call past a per-minute limit per token (as Slack's tiers count per workspace).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  /** "chat.postMessage", or "response_url" / "file_upload" for the non-API endpoints. */
  method: string;
  args: Record<string, unknown>;
  /** The Authorization header's token. */
  token?: string | undefined;
  /** Where a response_url call went (its id), or an upload (the file id). */
  target?: string | undefined;
  /** What the fake answered (e.g. a posted message's ts); undefined for a 429. */
  result?: Record<string, unknown> | undefined;
  /** What an upload posted, byte for byte (WebClient sends the file as multipart form data). */
  raw?: Buffer | undefined;
  /** Answered with HTTP 429. */
  rateLimited?: true | undefined;
  at: number;
}

export interface SlackUser {
  locale?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  name?: string;
}

export interface FakeSlackApi {
  /** The WebClient's slackApiUrl ("http://127.0.0.1:PORT/api/"). */
  url: string;
  /** A response_url for a command or click: posts to it are recorded as "response_url" calls. */
  responseUrl(id: string): string;
  calls: SlackCall[];
  /** The calls of one method, in order. */
  callsOf(method: string): SlackCall[];
  /** Answer the next `times` calls of `method` with HTTP 429 and this Retry-After (seconds). */
  rateLimit(method: string, retryAfterSeconds: number, times?: number): void;
  /** Answer the next call of `method` with {ok:false, error}. */
  failNext(method: string, error: string): void;
  users: Map<string, SlackUser>;
  /** The bot's granted scopes (auth.test's x-oauth-scopes header). */
  scopes: string[];
  usergroups: Map<string, string[]>;
  /** What apps.connections.open answers: the fake Socket Mode server's URL (slack-socket-mode.ts). */
  socketUrl: string | undefined;
  close(): Promise<void>;
}

export async function startFakeSlackApi(
  options: {
    scopes?: string[];
    /** The time calls are stamped with (`at`): a test's fake clock; Date.now by default. */
    now?: () => number;
    /** Calls a minute (on `now`) each token may make of a method; more are answered 429 until one ages out. */
    perMinute?: Readonly<Record<string, number>>;
  } = {},
): Promise<FakeSlackApi> {
  const now = options.now ?? Date.now;
  const calls: SlackCall[] = [];
  const limits = new Map<string, { seconds: number; times: number }>();
  /** Per method and token: when its calls in the last minute were answered. */
  const windows = new Map<string, number[]>();
  /** Seconds until the token may call the method again; undefined when it may now (the call then counts). */
  const overLimit = (method: string, token: string | undefined, at: number): number | undefined => {
    const max = options.perMinute?.[method];
    if (max === undefined) return undefined;
    const key = `${method} ${token ?? ''}`;
    const recent = (windows.get(key) ?? []).filter((time) => time > at - 60_000);
    windows.set(key, recent);
    if (recent.length >= max) return Math.max(1, Math.ceil(((recent[0] ?? at) + 60_000 - at) / 1000));
    recent.push(at);
    return undefined;
  };
  const failures = new Map<string, string>();
  const users = new Map<string, SlackUser>();
  const usergroups = new Map<string, string[]>();
  let ts = 1_700_000_000_000_100;
  let fileId = 0;
  let base = '';
  const state: { scopes: string[]; socketUrl?: string | undefined } = {
    scopes: options.scopes ?? [
      'chat:write',
      'commands',
      'users:read',
      'usergroups:read',
      'files:write',
      'im:write',
    ],
  };

  const nextTs = () => {
    ts += 1;
    const text = String(ts);
    return `${text.slice(0, 10)}.${text.slice(10)}`;
  };

  function answer(
    method: string,
    args: Record<string, unknown>,
  ): { body: object; headers?: Record<string, string> } {
    switch (method) {
      case 'auth.test':
        return {
          body: {
            ok: true,
            team_id: 'T0TEAM',
            user_id: 'U0BOT',
            bot_id: 'B0BOT',
            team: 'Team',
            user: 'storyroom',
          },
          headers: { 'x-oauth-scopes': state.scopes.join(',') },
        };
      case 'apps.connections.open':
        return state.socketUrl
          ? { body: { ok: true, url: state.socketUrl } }
          : { body: { ok: false, error: 'not_allowed_token_type' } };
      case 'chat.postMessage':
        return { body: { ok: true, channel: args.channel, ts: nextTs(), message: { text: args.text } } };
      case 'chat.update':
        return { body: { ok: true, channel: args.channel, ts: args.ts, text: args.text } };
      case 'chat.delete':
        return { body: { ok: true, channel: args.channel, ts: args.ts } };
      case 'chat.postEphemeral':
        return { body: { ok: true, message_ts: nextTs() } };
      case 'users.info': {
        const id = String(args.user);
        const user = users.get(id) ?? {};
        return {
          body: {
            ok: true,
            user: {
              id,
              name: user.name ?? id.toLowerCase(),
              real_name: user.name ?? id,
              is_admin: user.is_admin ?? false,
              is_owner: user.is_owner ?? false,
              is_bot: user.is_bot ?? id === 'U0BOT',
              ...(args.include_locale === 'true' || args.include_locale === true
                ? { locale: user.locale ?? 'en-US' }
                : {}),
              profile: { display_name: user.name ?? '' },
            },
          },
        };
      }
      case 'usergroups.users.list':
        return { body: { ok: true, users: usergroups.get(String(args.usergroup)) ?? [] } };
      case 'conversations.open':
        return { body: { ok: true, channel: { id: `D${String(args.users)}` } } };
      case 'files.getUploadURLExternal': {
        fileId += 1;
        const id = `F${fileId}`;
        return { body: { ok: true, file_id: id, upload_url: `${base}upload/${id}` } };
      }
      case 'files.completeUploadExternal': {
        const files = JSON.parse(String(args.files)) as { id: string; title?: string }[];
        return { body: { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) } };
      }
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (request.url ?? '').split('?')[0] ?? '';
    const at = now();
    if (path.startsWith('/response/')) {
      calls.push({
        method: 'response_url',
        args: JSON.parse(raw.toString('utf8')),
        target: path.slice(10),
        at,
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (path.startsWith('/upload/')) {
      calls.push({ method: 'file_upload', args: { bytes: raw.length }, target: path.slice(8), raw, at });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const args = parseArgs(raw, request.headers['content-type']);
    const auth = request.headers.authorization;
    const call: SlackCall = { method, args, token: auth?.replace(/^Bearer /, ''), at };
    calls.push(call);
    const limit = limits.get(method);
    const retryAfter = limit && limit.times > 0 ? limit.seconds : overLimit(method, call.token, at);
    if (retryAfter !== undefined) {
      if (limit && limit.times > 0) limit.times -= 1;
      call.rateLimited = true;
      response
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: failure }));
      return;
    }
    const { body, headers } = answer(method, args);
    call.result = body as Record<string, unknown>;
    response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;

  return {
    url: `${base}api/`,
    responseUrl: (id) => `${base}response/${id}`,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    rateLimit(method, seconds, times = 1) {
      limits.set(method, { seconds, times });
    },
    failNext(method, error) {
      failures.set(method, error);
    },
    users,
    get scopes() {
      return state.scopes;
    },
    set scopes(next: string[]) {
      state.scopes = next;
    },
    usergroups,
    get socketUrl() {
      return state.socketUrl;
    },
    set socketUrl(url: string | undefined) {
      state.socketUrl = url;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** WebClient sends form fields, with objects and arrays (blocks) as JSON strings; JSON bodies also occur. */
function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType?.includes('application/json'))
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] =
      (key === 'blocks' || key === 'attachments') && value.startsWith('[') ? JSON.parse(value) : value;
  }
  return args;
}
