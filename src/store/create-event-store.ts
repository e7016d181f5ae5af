// Opens the EventStore that STORE_URL names: memory:, sqlite://<path>, redis(s)://..., postgres(ql)://....
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { EventStore } from '../story/event-store.ts';
import { type AtomicOps, mapAtomicOps, redisAtomicOps } from './atomic-ops.ts';
import { describeStoreError, StoreStartError } from './describe-store-error.ts';
import { createKeyvEventStore, type KeyLister } from './keyv-event-store.ts';
import { PostgresKeyvAdapter } from './postgres-keyv-adapter.ts';
import { SqliteKeyvAdapter } from './sqlite-keyv-adapter.ts';

export const ACCEPTED_STORE_URLS = [
  'memory:',
  'sqlite://./relative/path.sqlite',
  'sqlite:///absolute/path.sqlite',
  'redis://[user:password@]host:6379[/db] (or rediss://)',
  'postgres://user:password@host:5432/database (or postgresql://)',
];

export interface CreateEventStoreOptions {
  /** Backend errors that answer no call, such as a dropped idle connection. Failed calls reject regardless. */
  onError?: (error: unknown) => void;
}

type StoreTarget =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string; synchronous: 'NORMAL' | 'FULL' }
  | { kind: 'redis'; url: string }
  | { kind: 'postgres'; url: string; table: string | undefined };

/** How long start-up waits for the store to answer its first read. */
export const STORE_START_TIMEOUT_MS = 5_000;

/**
 * Opens the store and reads from it once, so an unreachable or misconfigured backend fails here, at start-up,
 * with one StoreStartError naming STORE_URL and the cause. What the backend reports while it is being opened
 * (node-redis's reconnect attempts, say) goes into that message, not to onError.
 */
export async function createEventStore(
  url: string,
  options: CreateEventStoreOptions = {},
): Promise<EventStore> {
  const parsed = parseStoreUrl(url);
  const reported: unknown[] = [];
  let opening = true;
  const onError = (error: unknown) => {
    if (opening) reported.push(error);
    else options.onError?.(error);
  };
  let store: EventStore | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const keyv = keyvFor(parsed, { onError });
    store = createKeyvEventStore(keyv, keyListerFor(keyv), atomicOpsFor(keyv));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreStartError(`no answer within ${STORE_START_TIMEOUT_MS / 1000} s`)),
        STORE_START_TIMEOUT_MS,
      );
    });
    await Promise.race([store.openVotes(), timeout]);
    opening = false;
    return store;
  } catch (error) {
    const closing = store?.close().catch(() => undefined);
    // Closing a client that never connected can wait on its reconnects: don't let it hold the message back.
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
    const reason = describeStoreError(error, reported, {
      kind: parsed.target.kind,
      url: 'url' in parsed.target ? parsed.target.url : undefined,
    });
    throw new StoreStartError(`STORE_URL "${redactUrl(url)}": cannot use the store: ${reason}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** The Keyv instance behind createEventStore, without the start-up check. */
export function openKeyv(url: string, options: CreateEventStoreOptions = {}): Keyv {
  return keyvFor(parseStoreUrl(url), options);
}

function keyvFor(
  { target, namespace }: ReturnType<typeof parseStoreUrl>,
  { onError = () => undefined }: CreateEventStoreOptions,
): Keyv {
  switch (target.kind) {
    case 'memory':
      return new Keyv({ store: new Map(), namespace });
    case 'sqlite':
      return new Keyv({ store: new SqliteKeyvAdapter(target), namespace });
    case 'postgres': {
      const adapter = new PostgresKeyvAdapter({ uri: target.url, table: target.table });
      adapter.on('error', onError);
      return new Keyv({ store: adapter, namespace });
    }
    case 'redis': {
      const adapter = new KeyvRedis(
        { url: target.url, socket: { connectTimeout: 3_000, reconnectStrategy } },
        { throwErrors: true, throwOnConnectError: true },
      );
      // node-redis throws an 'error' nobody listens to, which would end the process.
      adapter.client.on('error', onError);
      // KeyvRedis prefixes keys with the namespace itself.
      return new Keyv({ store: adapter, namespace, useKeyPrefix: false });
    }
  }
}

/** Each backend's compare-and-set writes (see atomic-ops.ts). */
export function atomicOpsFor(keyv: Keyv): AtomicOps {
  const store: unknown = keyv.store;
  const prefix = keyv.namespace ? `${keyv.namespace}:` : '';
  if (store instanceof SqliteKeyvAdapter || store instanceof PostgresKeyvAdapter)
    return store.atomicOps(prefix);
  if (store instanceof KeyvRedis) return redisAtomicOps(store);
  if (store instanceof Map) return mapAtomicOps(store, keyv.namespace);
  throw new Error('this Keyv store has no compare-and-set append');
}

/** Lists keys by prefix the way each backend can without reading the rooms' events (see KeyLister). */
function keyListerFor(keyv: Keyv): KeyLister | undefined {
  const store: unknown = keyv.store;
  const namespace = keyv.namespace ?? '';
  if (store instanceof SqliteKeyvAdapter || store instanceof PostgresKeyvAdapter) {
    const full = namespace ? `${namespace}:` : '';
    return async function* (prefix) {
      for await (const key of store.keysWithPrefix(full + prefix)) yield key.slice(full.length);
    };
  }
  if (store instanceof KeyvRedis) {
    return async function* (prefix) {
      const match = `${store.createKeyPrefix(prefix, namespace).replace(/[*?[\]\\]/g, '\\$&')}*`;
      // Every primary of a cluster, or the one server.
      for (const client of await store.getMasterNodes()) {
        for await (const key of client.scanIterator({ MATCH: match, COUNT: 1000 })) {
          yield store.getKeyWithoutPrefix(key, namespace);
        }
      }
    };
  }
  return undefined;
}

/**
 * Gives up after a few quick attempts: commands issued meanwhile wait in node-redis's offline queue, and an
 * append must fail within seconds, not hang. The next command opens a new connection.
 */
function reconnectStrategy(retries: number, cause: Error): number | Error {
  if (retries >= 4) return new Error(`Redis unreachable after ${retries + 1} attempts: ${cause.message}`);
  return 100 * 2 ** retries;
}

export function parseStoreUrl(url: string): { target: StoreTarget; namespace: string } {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'memory') {
    const params = takeParams(url, ['namespace']);
    if (url.slice('memory:'.length).split('?')[0] !== '') throw unsupported(url);
    return { target: { kind: 'memory' }, namespace: params.namespace ?? 'storyroom' };
  }
  if (scheme === 'sqlite') {
    const params = takeParams(url, ['namespace', 'synchronous']);
    const path = url.slice('sqlite://'.length).split('?')[0] ?? '';
    if (!url.startsWith('sqlite://') || path === '') throw unsupported(url);
    const synchronous = (params.synchronous ?? 'normal').toUpperCase();
    if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
      throw new Error(`STORE_URL: synchronous must be normal or full, got ${params.synchronous}`);
    }
    return { target: { kind: 'sqlite', path, synchronous }, namespace: params.namespace ?? 'storyroom' };
  }
  if (scheme === 'redis' || scheme === 'rediss' || scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw unsupported(url);
    }
    const namespace = parsed.searchParams.get('namespace') ?? 'storyroom';
    const table = parsed.searchParams.get('table') ?? undefined;
    parsed.searchParams.delete('namespace');
    parsed.searchParams.delete('table');
    const target: StoreTarget = scheme.startsWith('redis')
      ? { kind: 'redis', url: parsed.toString() }
      : { kind: 'postgres', url: parsed.toString(), table };
    return { target, namespace };
  }
  throw unsupported(url);
}

/** Query parameters of a memory: or sqlite: URL; any other parameter is an error rather than ignored. */
function takeParams(url: string, allowed: readonly string[]): Record<string, string | undefined> {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    if (!allowed.includes(name)) {
      throw new Error(`STORE_URL: unknown parameter ${name}; this backend accepts ${allowed.join(', ')}`);
    }
    out[name] = value;
  }
  return out;
}

function unsupported(url: string): Error {
  return new Error(
    `STORE_URL "${redactUrl(url)}" is not supported. Use one of: ${ACCEPTED_STORE_URLS.join(', ')}; ` +
      'optional parameters: ?namespace=<name> (default storyroom), ?synchronous=full (sqlite), ' +
      '?table=<name> (postgres).',
  );
}

/** The URL with its password masked, for error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}
