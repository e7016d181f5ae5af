// @keyv/postgres with a pool of its own. The stock adapter shares one module-global pg pool that has no 'error'
// listener, so a Postgres restart (an idle connection dropped by the server) crashed the whole process, and its
// disconnect() ended whichever pool was created last. Here each adapter owns its pool and forwards idle
// connection errors to its 'error' listeners (Keyv's); queries still reject with their own errors.
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import { type AtomicOps, headOf } from './atomic-ops.ts';

export interface PostgresKeyvAdapterOptions {
  /** postgres:// or postgresql:// connection string. */
  uri: string;
  /** Table name; lower-case letters, digits and underscores (the stock adapter does not quote it). */
  table?: string | undefined;
  connectionTimeoutMs?: number;
}

const pools = new WeakMap<PostgresKeyvAdapter, pg.Pool>();

export class PostgresKeyvAdapter extends KeyvPostgres {
  constructor({ uri, table = 'keyv', connectionTimeoutMs = 5_000 }: PostgresKeyvAdapterOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`invalid PostgreSQL table name: ${table}`);
    super({ uri, table, connectionTimeoutMillis: connectionTimeoutMs });
  }

  // Called once by the KeyvPostgres constructor (before this class's constructor body runs).
  override async connect() {
    const pool = new pg.Pool({
      connectionString: this.opts.uri,
      connectionTimeoutMillis: this.opts.connectionTimeoutMillis,
    });
    pool.on('error', (error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
    pools.set(this, pool);
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
  }

  /** Keys (with Keyv's namespace) that start with `prefix`. Unlike iterator(), a failed query rejects. */
  async *keysWithPrefix(prefix: string): AsyncGenerator<string> {
    const pattern = `${prefix.replace(/[%_\\]/g, '\\$&')}%`;
    const rows = (await this.query(
      `SELECT key FROM ${this.opts.schema}.${this.opts.table} WHERE key LIKE $1 ORDER BY key`,
      [pattern],
    )) as { key: string }[];
    for (const row of rows) yield row.key;
  }

  /**
   * AtomicOps on this table, for keys that already carry Keyv's namespace. An append runs in one transaction
   * holding a per-room advisory lock (rooms never wait for each other), so the head it checks is the head it
   * replaces; a single key's compare-and-set is one conditional statement (INSERT … ON CONFLICT DO NOTHING for
   * a key nobody holds).
   */
  atomicOps(prefix: string): AtomicOps {
    const t = `${this.opts.schema}.${this.opts.table}`;
    const rowsChanged = async (sql: string, values: unknown[]) =>
      ((await this.query(sql, values)) as unknown[]).length;
    return {
      appendIfHead: async (headKey, expected, entries, headValue) => {
        await this.query('SELECT 1'); // the table exists once the adapter's first query has run
        const pool = pools.get(this);
        if (!pool) throw new Error('the PostgreSQL store is closed');
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [prefix + headKey]);
          const found = await client.query<{ value: string }>(`SELECT value FROM ${t} WHERE key = $1`, [
            prefix + headKey,
          ]);
          if (headOf(found.rows[0]?.value) !== expected) {
            await client.query('ROLLBACK');
            return false;
          }
          await client.query(
            `INSERT INTO ${t} (key, value) SELECT * FROM UNNEST($1::text[], $2::text[])
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [
              [...entries.map((entry) => prefix + entry.key), prefix + headKey],
              [...entries.map((entry) => entry.value), headValue],
            ],
          );
          await client.query('COMMIT');
          return true;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      compareAndSet: async (key, expected, next) => {
        const full = prefix + key;
        if (expected === undefined) {
          if (next === undefined)
            return (await rowsChanged(`SELECT key FROM ${t} WHERE key = $1`, [full])) === 0;
          return (
            (await rowsChanged(
              `INSERT INTO ${t} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
              [full, next],
            )) === 1
          );
        }
        if (next === undefined) {
          return (
            (await rowsChanged(`DELETE FROM ${t} WHERE key = $1 AND value = $2 RETURNING key`, [
              full,
              expected,
            ])) === 1
          );
        }
        return (
          (await rowsChanged(`UPDATE ${t} SET value = $3 WHERE key = $1 AND value = $2 RETURNING key`, [
            full,
            expected,
            next,
          ])) === 1
        );
      },
      // One statement: a conflicting insert waits for the row's lock, then adds to the committed value.
      increment: async (key, by) => {
        const rows = (await this.query(
          `INSERT INTO ${t} AS c (key, value) VALUES ($1, json_build_object('value', $2::bigint)::text)
           ON CONFLICT (key) DO UPDATE
             SET value = json_build_object('value', (c.value::json->>'value')::bigint + $2::bigint)::text
           RETURNING (value::json->>'value')::bigint AS n`,
          [prefix + key, by],
        )) as { n: string | number }[];
        return Number(rows[0]?.n);
      },
      getRaw: async (key) => {
        const rows = (await this.query(`SELECT value FROM ${t} WHERE key = $1`, [prefix + key])) as {
          value: string;
        }[];
        return rows[0]?.value;
      },
    };
  }

  override async disconnect() {
    const pool = pools.get(this);
    pools.delete(this);
    await pool?.end();
  }
}
