// A bounded cache of slow lookups (Slack's users.info, usergroups.users.list): fresh answers for `ttlMs`, one
// call at a time per key however many ask, and an answer within `timeoutMs` whatever Slack does. When a
// lookup fails or is slow, the last good answer is used (or the fallback), and asked again after
// `failureTtlMs`; a lookup that was slow still fills the cache when it finally answers. A good answer older
// than `maxStaleMs` is no longer used for a failed one.
import type { Clock } from '../../story/clock.ts';

export interface LookupCacheOptions {
  clock: Clock;
  ttlMs: number;
  failureTtlMs: number;
  timeoutMs: number;
  /** Keys kept; the least recently used go first. */
  maxEntries: number;
  /** A good answer older than this is not used in place of a failed lookup. */
  maxStaleMs: number;
}

export interface Looked<T> {
  value: T;
  /** False when the value is the last good answer or the fallback, because a lookup failed. */
  fresh: boolean;
  /** What went wrong with the lookup this call waited for ('timeout' when it was too slow). */
  failure?: unknown;
}

export interface LookupCache<T> {
  /** The cached answer, or `load()`'s; `fallback` (or the last good answer) when it fails or is too slow. */
  get(key: string, load: () => Promise<T>, fallback: T): Promise<Looked<T>>;
}

interface Entry<T> {
  /** The last answer that came from a lookup that succeeded. */
  good?: { value: T; at: number } | undefined;
  /** Until when the entry is answered without a lookup. */
  until: number;
  /** What is answered until then: the good value, or the fallback after a failure with nothing good. */
  value: T;
  fresh: boolean;
}

export function createLookupCache<T>(options: LookupCacheOptions): LookupCache<T> {
  const { clock } = options;
  const entries = new Map<string, Entry<T>>();
  const loading = new Map<string, Promise<T>>();

  function remember(key: string, entry: Entry<T>) {
    entries.delete(key);
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= options.maxEntries) break;
      entries.delete(oldest);
    }
  }

  function failed(key: string, fallback: T, failure: unknown): Looked<T> {
    const now = clock.now();
    const last = entries.get(key)?.good;
    const good = last && last.at + options.maxStaleMs > now ? last : undefined;
    const value = good ? good.value : fallback;
    remember(key, { good, value, fresh: false, until: now + options.failureTtlMs });
    return { value, fresh: false, failure };
  }

  function start(key: string, load: () => Promise<T>): Promise<T> {
    const existing = loading.get(key);
    if (existing) return existing;
    const promise = (async () => load())();
    loading.set(key, promise);
    promise.then(
      (value) => {
        loading.delete(key);
        const now = clock.now();
        remember(key, { good: { value, at: now }, value, fresh: true, until: now + options.ttlMs });
      },
      () => loading.delete(key),
    );
    return promise;
  }

  return {
    async get(key, load, fallback) {
      const cached = entries.get(key);
      if (cached && cached.until > clock.now()) {
        remember(key, cached);
        return { value: cached.value, fresh: cached.fresh };
      }
      const lookup = start(key, load);
      let timer: unknown;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = clock.setTimeout(() => resolve('timeout'), options.timeoutMs);
      });
      try {
        const outcome = await Promise.race([lookup.then((value) => ({ value })), timeout]);
        if (outcome === 'timeout') return failed(key, fallback, 'timeout');
        return { value: outcome.value, fresh: true };
      } catch (error) {
        return failed(key, fallback, error);
      } finally {
        clock.clearTimeout(timer);
      }
    },
  };
}
