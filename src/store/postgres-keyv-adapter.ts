// @keyv/postgres with a pool of its own. The stock adapter shares one module-global pg pool that has no 'error'
// listener, so a Postgres restart (an idle connection dropped by the server) crashed the whole process, and its
// disconnect() ended whichever pool was created last. Here each adapter owns its pool and forwards idle
// connection errors to its 'error' listeners (Keyv's); queries still reject with their own errors.
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';

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

  override async disconnect() {
    const pool = pools.get(this);
    pools.delete(this);
    await pool?.end();
  }
}
