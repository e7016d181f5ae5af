import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createEventStore, openKeyv } from '../../src/store/create-event-store.ts';
import { dropPostgresTable } from '../helpers/drop-postgres-table.ts';
import { describeOutages } from './describe-outages.ts';
import { describeTwoEngines } from './describe-two-engines.ts';
import { describeEventStoreContract, requireServer } from './event-store-contract.ts';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
// One table for this run (dropped afterwards), one key namespace per space (cleared after each test).
const table = `storyroom_test_${randomUUID().slice(0, 8)}`;
let spaces = 0;
const spaceUrl = () => `${POSTGRES_URL}?table=${table}&namespace=space-${++spaces}`;

beforeAll(() => requireServer('PostgreSQL', POSTGRES_URL, () => createEventStore(spaceUrl())));

afterAll(async () => {
  await dropPostgresTable(POSTGRES_URL, table);
});

describe('PostgreSQL EventStore', () => {
  describeEventStoreContract(() => {
    const url = spaceUrl();
    return { open: () => createEventStore(url), openKeyv: () => openKeyv(url) };
  });
});

describeOutages('PostgreSQL', spaceUrl);

const twoEnginesUrl = spaceUrl();
describeTwoEngines('PostgreSQL', () => createEventStore(twoEnginesUrl));
