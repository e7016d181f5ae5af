// Storage tests give each run its own PostgreSQL table; this drops it afterwards.
import pg from 'pg';

export async function dropPostgresTable(url: string, table: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await client.end();
  }
}
