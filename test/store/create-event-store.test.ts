import { describe, expect, it } from 'vitest';
import { ACCEPTED_STORE_URLS, createEventStore, parseStoreUrl } from '../../src/store/create-event-store.ts';
import { storyEvents } from './event-store-contract.ts';

describe('parseStoreUrl', () => {
  it('reads relative and absolute SQLite paths', () => {
    expect(parseStoreUrl('sqlite://./data/storyroom.sqlite')).toEqual({
      target: { kind: 'sqlite', path: './data/storyroom.sqlite', synchronous: 'NORMAL' },
      namespace: 'storyroom',
    });
    expect(parseStoreUrl('sqlite:///var/lib/storyroom/rooms.sqlite?synchronous=full&namespace=blue')).toEqual(
      {
        target: { kind: 'sqlite', path: '/var/lib/storyroom/rooms.sqlite', synchronous: 'FULL' },
        namespace: 'blue',
      },
    );
  });

  it('takes the namespace (and the PostgreSQL table) out of server URLs before the driver sees them', () => {
    expect(parseStoreUrl('redis://:secret@cache:6380/2?namespace=blue')).toEqual({
      target: { kind: 'redis', url: 'redis://:secret@cache:6380/2' },
      namespace: 'blue',
    });
    expect(parseStoreUrl('postgresql://bot:pw@db/story?sslmode=require&table=rooms&namespace=blue')).toEqual({
      target: { kind: 'postgres', url: 'postgresql://bot:pw@db/story?sslmode=require', table: 'rooms' },
      namespace: 'blue',
    });
    expect(parseStoreUrl('postgres://db/story').target).toMatchObject({ kind: 'postgres', table: undefined });
    expect(parseStoreUrl('memory:')).toEqual({ target: { kind: 'memory' }, namespace: 'storyroom' });
  });

  it('rejects an unsupported URL naming STORE_URL and every accepted form, without echoing a password', () => {
    for (const url of [
      'mysql://bot:hunter2@db/story',
      'sqlite:rooms.db',
      'sqlite://',
      'memory:x',
      'rooms.sqlite',
      '',
    ]) {
      const error = (() => {
        try {
          parseStoreUrl(url);
        } catch (caught) {
          return caught as Error;
        }
        throw new Error(`${url} was accepted`);
      })();
      expect(error.message).toContain('STORE_URL');
      for (const form of ACCEPTED_STORE_URLS) expect(error.message).toContain(form);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('rejects a misspelt parameter on a SQLite URL instead of ignoring it', () => {
    expect(() => parseStoreUrl('sqlite://./rooms.sqlite?namepsace=blue')).toThrow(/STORE_URL.*namepsace/);
    expect(() => parseStoreUrl('sqlite://./rooms.sqlite?synchronous=off')).toThrow(/STORE_URL.*synchronous/);
  });
});

describe('createEventStore', () => {
  it('opens an in-memory store for memory:, separate for each call', async () => {
    const first = await createEventStore('memory:');
    const second = await createEventStore('memory:');
    await first.append('r1', storyEvents(1, 2));

    expect(await first.read('r1', 1, 2)).toEqual(storyEvents(1, 2));
    expect(await second.head('r1')).toBe(0);
  });

  it('rejects an unsupported URL', async () => {
    await expect(createEventStore('mongodb://db/story')).rejects.toThrow(/STORE_URL/);
  });
});
