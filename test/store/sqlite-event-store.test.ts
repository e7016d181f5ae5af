import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, openKeyv } from '../../src/store/create-event-store.ts';
import { describeTwoEngines } from './describe-two-engines.ts';
import { describeEventStoreContract, storyEvent } from './event-store-contract.ts';

let dir: string;
let files = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-sqlite-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SQLite EventStore', () => {
  describeTwoEngines('SQLite', () => createEventStore(`sqlite://${join(dir, 'two-engines.sqlite')}`));

  describeEventStoreContract(() => {
    const url = `sqlite://${join(dir, `store-${++files}.sqlite`)}`;
    return { open: () => createEventStore(url), openKeyv: () => openKeyv(url) };
  });

  it('rejects an append once its database is closed, instead of resolving', async () => {
    const store = await createEventStore(`sqlite://${join(dir, 'closed.sqlite')}`);
    await store.close();
    await expect(store.append('r1', [storyEvent(1)])).rejects.toThrow(/is closed/);
  });

  it('fails to open, naming STORE_URL, when the path is a directory', async () => {
    await expect(createEventStore(`sqlite://${dir}`)).rejects.toThrow(
      /^STORE_URL .*: cannot use the store: /,
    );
  });
});
