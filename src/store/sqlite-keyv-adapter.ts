// A keyv 5 storage adapter on Node's built-in SQLite (node:sqlite), so storyroom needs no native build.
// One table of key -> serialized value. Keyv prefixes keys with its namespace itself; the adapter uses the
// namespace only to scope clear() and iterator(), like @keyv/postgres.
import { EventEmitter } from 'node:events';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { type AtomicOps, headOf, type RawEntry } from './atomic-ops.ts';
import { createFolderFor } from './create-folder.ts';

export interface SqliteKeyvAdapterOptions {
  /** Database file, or ':memory:'. Its parent directory is created if missing. */
  path: string;
  /** Table name (letters, digits, underscores). */
  table?: string;
  /**
   * With journal_mode=WAL, NORMAL writes each commit to the WAL file before the call returns, so killing the
   * process loses nothing that was acknowledged. The WAL is fsynced only at checkpoints, so an OS crash or power
   * loss may lose the last commits. FULL fsyncs on every commit: durable across power loss too, slower.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another connection's lock before failing, in milliseconds. */
  busyTimeoutMs?: number;
}

const ITERATOR_PAGE = 100;

export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: Required<SqliteKeyvAdapterOptions> & { dialect: 'sqlite'; url: string };
  /** Set by Keyv. */
  namespace?: string | undefined;
  readonly ttlSupport = false;
  readonly #db: DatabaseSync;
  readonly #statements: Record<
    | 'get'
    | 'getMany'
    | 'set'
    | 'delete'
    | 'deleteMany'
    | 'has'
    | 'clearPrefix'
    | 'clearAll'
    | 'page'
    | 'keyRange'
    | 'insertIfAbsent'
    | 'updateIf'
    | 'deleteIf'
    | 'increment',
    StatementSync
  >;

  constructor(options: SqliteKeyvAdapterOptions) {
    super();
    const table = options.table ?? 'keyv';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid SQLite table name: ${table}`);
    this.opts = {
      path: options.path,
      table,
      synchronous: options.synchronous ?? 'NORMAL',
      busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
      dialect: 'sqlite',
      url: `sqlite://${options.path}`,
    };
    if (options.path !== ':memory:') createFolderFor(options.path);
    this.#db = new DatabaseSync(options.path);
    try {
      // busy_timeout first: switching to WAL itself needs the lock when another process has the file open.
      this.#db.exec(`PRAGMA busy_timeout = ${Math.trunc(this.opts.busyTimeoutMs)}`);
      this.#db.exec('PRAGMA journal_mode = WAL');
      this.#db.exec(`PRAGMA synchronous = ${this.opts.synchronous}`);
      this.#db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (key TEXT PRIMARY KEY, value TEXT)`);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    const t = `"${table}"`;
    // A JSON array bound as one parameter keeps getMany/deleteMany to one cached statement for any key count.
    const inKeys = `key IN (SELECT value FROM json_each(?))`;
    const inNamespace = 'substr(key, 1, length(?1)) = ?1';
    this.#statements = {
      get: this.#db.prepare(`SELECT value FROM ${t} WHERE key = ?`),
      getMany: this.#db.prepare(`SELECT key, value FROM ${t} WHERE ${inKeys}`),
      set: this.#db.prepare(
        `INSERT INTO ${t} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ),
      delete: this.#db.prepare(`DELETE FROM ${t} WHERE key = ?`),
      deleteMany: this.#db.prepare(`DELETE FROM ${t} WHERE ${inKeys}`),
      has: this.#db.prepare(`SELECT 1 FROM ${t} WHERE key = ?`),
      clearPrefix: this.#db.prepare(`DELETE FROM ${t} WHERE ${inNamespace}`),
      clearAll: this.#db.prepare(`DELETE FROM ${t}`),
      page: this.#db.prepare(
        `SELECT key, value FROM ${t} WHERE ${inNamespace} AND key > ?2 ORDER BY key LIMIT ?3`,
      ),
      // A range on the primary key, so only the matching keys are read.
      keyRange: this.#db.prepare(`SELECT key FROM ${t} WHERE key >= ?1 AND key < ?2 ORDER BY key`),
      insertIfAbsent: this.#db.prepare(`INSERT OR IGNORE INTO ${t} (key, value) VALUES (?, ?)`),
      updateIf: this.#db.prepare(`UPDATE ${t} SET value = ?3 WHERE key = ?1 AND value = ?2`),
      deleteIf: this.#db.prepare(`DELETE FROM ${t} WHERE key = ?1 AND value = ?2`),
      // One statement, so one step for every connection; the value stays the JSON Keyv writes for a number.
      increment: this.#db.prepare(
        `INSERT INTO ${t} (key, value) VALUES (?1, json_object('value', CAST(?2 AS INTEGER)))
         ON CONFLICT(key) DO UPDATE SET
           value = json_object('value', CAST(json_extract(value, '$.value') AS INTEGER) + CAST(?2 AS INTEGER))
         RETURNING json_extract(value, '$.value') AS n`,
      ),
    };
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const row = this.#open().get.get(key);
    return row?.value as StoredData<Value> | undefined;
  }

  /** Values in the order of keys; undefined for a missing key. */
  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    const found = new Map<string, string>();
    for (const row of this.#open().getMany.all(JSON.stringify(keys))) {
      found.set(String(row.key), String(row.value));
    }
    return keys.map((key) => found.get(key) as StoredData<Value | undefined>);
  }

  async set(key: string, value: unknown): Promise<boolean> {
    this.#open().set.run(key, toText(value));
    return true;
  }

  /** All entries in one transaction: either every entry is stored or none is. */
  async setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    const { set } = this.#open();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const { key, value } of entries) set.run(key, toText(value));
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * AtomicOps on this file, for keys that already carry Keyv's namespace. BEGIN IMMEDIATE takes the file's
   * write lock, so the head read and the writes are one step for every process sharing the file; within this
   * process node:sqlite runs the whole transaction synchronously.
   */
  atomicOps(prefix: string): AtomicOps {
    return {
      appendIfHead: async (headKey, expected, entries, headValue) =>
        this.#appendIfHead(prefix + headKey, expected, entries, headValue, prefix),
      compareAndSet: async (key, expected, next) => {
        const s = this.#open();
        const full = prefix + key;
        if (expected === undefined) {
          if (next === undefined) return s.has.get(full) === undefined;
          return Number(s.insertIfAbsent.run(full, next).changes) === 1;
        }
        if (next === undefined) return Number(s.deleteIf.run(full, expected).changes) === 1;
        return Number(s.updateIf.run(full, expected, next).changes) === 1;
      },
      getRaw: async (key) => {
        const row = this.#open().get.get(prefix + key);
        return row === undefined ? undefined : String(row.value);
      },
      increment: async (key, by) => Number(this.#open().increment.get(prefix + key, by)?.n),
    };
  }

  #appendIfHead(
    headKey: string,
    expected: number,
    entries: readonly RawEntry[],
    headValue: string,
    prefix: string,
  ): boolean {
    const { get, set } = this.#open();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const row = get.get(headKey);
      if (headOf(row === undefined ? undefined : String(row.value)) !== expected) {
        this.#db.exec('ROLLBACK');
        return false;
      }
      for (const { key, value } of entries) set.run(prefix + key, value);
      set.run(headKey, headValue);
      this.#db.exec('COMMIT');
      return true;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    return Number(this.#open().delete.run(key).changes) > 0;
  }

  /** True when at least one of the keys existed. */
  async deleteMany(keys: string[]): Promise<boolean> {
    return Number(this.#open().deleteMany.run(JSON.stringify(keys)).changes) > 0;
  }

  async has(key: string): Promise<boolean> {
    return this.#open().has.get(key) !== undefined;
  }

  /** Deletes the namespace's entries, or every entry when there is no namespace. */
  async clear(): Promise<void> {
    if (this.namespace) this.#open().clearPrefix.run(`${this.namespace}:`);
    else this.#open().clearAll.run();
  }

  async *iterator<Value>(
    namespace?: string,
  ): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const prefix = namespace ? `${namespace}:` : '';
    let after = '';
    for (;;) {
      const rows = this.#open().page.all(prefix, after, ITERATOR_PAGE);
      for (const row of rows) yield [String(row.key), row.value as Awaited<Value>];
      const last = rows.at(-1);
      if (!last || rows.length < ITERATOR_PAGE) return;
      after = String(last.key);
    }
  }

  /** Keys (with Keyv's namespace) that start with `prefix`. */
  async *keysWithPrefix(prefix: string): AsyncGenerator<string> {
    // Keys compare as UTF-8 bytes; U+FFFF sorts after every character room ids and namespaces use.
    for (const row of this.#open().keyRange.all(prefix, `${prefix}\uffff`)) yield String(row.key);
  }

  async disconnect(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }

  #open() {
    if (!this.#db.isOpen) throw new Error(`the SQLite store ${this.opts.path} is closed`);
    return this.#statements;
  }
}

function toText(value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(
      `SqliteKeyvAdapter stores serialized strings; got ${typeof value} (is Keyv's serialize off?)`,
    );
  }
  return value;
}
