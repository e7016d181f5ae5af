// The atomic writes several processes sharing a store need, per backend: a compare-and-set append (the
// events and the new head land together, only while the head is what the writer read), a compare-and-set
// of one key (leases, the open-vote index) and a counter's increment (token budgets). Keys are as Keyv names them (without its namespace); values are
// Keyv-serialized strings, so whatever these write reads back through Keyv.
import type KeyvRedis from '@keyv/redis';

export interface RawEntry {
  key: string;
  value: string;
}

export interface AtomicOps {
  /**
   * Stores the entries and sets headKey to headValue, all or nothing, only if the sequence number stored at
   * headKey is `expected` (a missing head is 0). Returns whether it did.
   */
  appendIfHead(
    headKey: string,
    expected: number,
    entries: readonly RawEntry[],
    headValue: string,
  ): Promise<boolean>;
  /** Sets key to next (undefined deletes it) only if its stored value is `expected` (undefined: no value). */
  compareAndSet(key: string, expected: string | undefined, next: string | undefined): Promise<boolean>;
  /** The stored, still serialized value. */
  getRaw(key: string): Promise<string | undefined>;
  /**
   * Adds `by` to the whole number stored at key (a missing key is 0) in one step, and returns the sum. Redis
   * forgets the key ttlMs after its last increment; the SQL backends keep it (one small row per counter).
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
}

/** A counter's serialized value, as Keyv writes a number. */
export const counterValue = (n: number): string => JSON.stringify({ value: n });

/** The whole number in a serialized head or counter ({"value":n}); 0 for none. */
export function headOf(raw: string | undefined | null): number {
  if (raw === undefined || raw === null) return 0;
  const value: unknown = (JSON.parse(raw) as { value?: unknown }).value;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`not a head: ${raw}`);
  return value;
}

/** Keyv's in-memory Map: JavaScript runs one call at a time, so checking and writing synchronously is atomic. */
export function mapAtomicOps(map: Map<unknown, unknown>, namespace: string | undefined): AtomicOps {
  const full = (key: string) => (namespace ? `${namespace}:${key}` : key);
  const raw = (key: string) => {
    const value = map.get(full(key));
    return typeof value === 'string' ? value : undefined;
  };
  return {
    async appendIfHead(headKey, expected, entries, headValue) {
      if (headOf(raw(headKey)) !== expected) return false;
      for (const { key, value } of entries) map.set(full(key), value);
      map.set(full(headKey), headValue);
      return true;
    },
    async compareAndSet(key, expected, next) {
      if (raw(key) !== expected) return false;
      if (next === undefined) map.delete(full(key));
      else map.set(full(key), next);
      return true;
    },
    async getRaw(key) {
      return raw(key);
    },
    async increment(key, by) {
      const sum = headOf(raw(key)) + by;
      map.set(full(key), counterValue(sum));
      return sum;
    },
  };
}

// KEYS: head, then the events' keys; ARGV: expected head, new head value, then the events' values.
const APPEND_IF_HEAD = `
local raw = redis.call('GET', KEYS[1])
local head = 0
if raw then head = tonumber(cjson.decode(raw)['value']) end
if head ~= tonumber(ARGV[1]) then return 0 end
for i = 2, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 1]) end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

// ARGV: '1' when a value is expected, the expected value, '1' when a value is to be set, the new value.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '1' then redis.call('SET', KEYS[1], ARGV[4]) else redis.call('DEL', KEYS[1]) end
return 1`;

// KEYS: the counter; ARGV: the increment, the TTL in ms. Whole numbers below 2^53, as the JSON Keyv writes.
const INCREMENT = `
local raw = redis.call('GET', KEYS[1])
local n = 0
if raw then n = tonumber(cjson.decode(raw)['value']) end
n = n + tonumber(ARGV[1])
redis.call('SET', KEYS[1], '{"value":' .. string.format('%.0f', n) .. '}', 'PX', ARGV[2])
return string.format('%.0f', n)`;

/**
 * Redis: a Lua script runs atomically on the server, so check and writes see no other command in between.
 * The keys of one call must live on one server (a single Redis or a primary with replicas; not a Cluster).
 */
export function redisAtomicOps(store: KeyvRedis<unknown>): AtomicOps {
  const full = (key: string) => store.createKeyPrefix(key, store.namespace);
  return {
    async appendIfHead(headKey, expected, entries, headValue) {
      const client = await store.getClient();
      const result = await client.eval(APPEND_IF_HEAD, {
        keys: [full(headKey), ...entries.map((entry) => full(entry.key))],
        arguments: [String(expected), headValue, ...entries.map((entry) => entry.value)],
      });
      return result === 1;
    },
    async compareAndSet(key, expected, next) {
      const client = await store.getClient();
      if (expected === undefined && next !== undefined) {
        // Claiming a key nobody holds is a plain SET NX.
        return (await client.set(full(key), next, { NX: true })) === 'OK';
      }
      const result = await client.eval(COMPARE_AND_SET, {
        keys: [full(key)],
        arguments: [
          expected === undefined ? '0' : '1',
          expected ?? '',
          next === undefined ? '0' : '1',
          next ?? '',
        ],
      });
      return result === 1;
    },
    async getRaw(key) {
      const client = await store.getClient();
      return (await client.get(full(key))) ?? undefined;
    },
    async increment(key, by, ttlMs) {
      const client = await store.getClient();
      const result = await client.eval(INCREMENT, {
        keys: [full(key)],
        arguments: [String(by), String(Math.max(1, Math.trunc(ttlMs)))],
      });
      return Number(result);
    },
  };
}
