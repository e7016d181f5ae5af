import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Keyv from 'keyv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqliteKeyvAdapter } from '../../src/store/sqlite-keyv-adapter.ts';

let dir: string;
let files = 0;
const adapters: SqliteKeyvAdapter[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-adapter-'));
});
afterEach(async () => {
  for (const adapter of adapters.splice(0)) await adapter.disconnect();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(path = join(dir, `kv-${++files}.sqlite`)) {
  const adapter = new SqliteKeyvAdapter({ path });
  adapters.push(adapter);
  return adapter;
}

describe('SqliteKeyvAdapter', () => {
  it('creates missing parent directories and switches the file to WAL', async () => {
    const path = join(dir, 'nested', 'deeper', 'kv.sqlite');
    const adapter = open(path);
    await adapter.set('k', 'v');

    const db = new DatabaseSync(path, { readOnly: true });
    try {
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      db.close();
    }
  });

  it('returns getMany values in the order of the keys, undefined for missing ones', async () => {
    const adapter = open();
    await adapter.setMany([
      { key: 'a', value: '1' },
      { key: 'c', value: '3' },
    ]);
    expect(await adapter.getMany(['c', 'b', 'a', 'c'])).toEqual(['3', undefined, '1', '3']);
    expect(await adapter.getMany([])).toEqual([]);
  });

  it('stores all entries of a setMany or none of them', async () => {
    const adapter = open();
    await expect(
      adapter.setMany([
        { key: 'a', value: '1' },
        { key: 'b', value: { not: 'serialized' } },
      ]),
    ).rejects.toThrow(TypeError);
    expect(await adapter.get('a')).toBeUndefined();
  });

  it('reports whether keys existed from has, delete and deleteMany', async () => {
    const adapter = open();
    await adapter.setMany([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(await adapter.has('a')).toBe(true);
    expect(await adapter.delete('a')).toBe(true);
    expect(await adapter.delete('a')).toBe(false);
    expect(await adapter.has('a')).toBe(false);
    expect(await adapter.deleteMany(['x', 'b'])).toBe(true);
    expect(await adapter.deleteMany(['x', 'b'])).toBe(false);
  });

  it("clears only its Keyv namespace's keys", async () => {
    const path = join(dir, 'shared.sqlite');
    const blue = new Keyv({ store: open(path), namespace: 'blue' });
    const green = new Keyv({ store: open(path), namespace: 'green' });
    await blue.set('k', 'blue value');
    await green.set('k', 'green value');

    await blue.clear();
    expect(await blue.get('k')).toBeUndefined();
    expect(await green.get('k')).toBe('green value');
  });

  it("iterates its namespace's entries through Keyv", async () => {
    const path = join(dir, 'iterated.sqlite');
    const keyv = new Keyv({ store: open(path), namespace: 'ns' });
    const other = new Keyv({ store: open(path), namespace: 'other' });
    for (let n = 0; n < 250; n++) await keyv.set(`k${n}`, n);
    await other.set('k0', 'not mine');

    const seen = new Map<string, unknown>();
    for await (const [key, value] of keyv.iterator?.(undefined) ?? []) seen.set(key, value);
    expect(seen.size).toBe(250);
    expect(seen.get('k0')).toBe(0);
    expect(seen.get('k249')).toBe(249);
  });

  it('rejects every call once disconnected', async () => {
    const adapter = open();
    await adapter.disconnect();
    await expect(adapter.get('a')).rejects.toThrow(/is closed/);
    await expect(adapter.set('a', '1')).rejects.toThrow(/is closed/);
  });
});
