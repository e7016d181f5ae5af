import { randomUUID } from 'node:crypto';
import { beforeAll, describe } from 'vitest';
import { createEventStore, openKeyv } from '../../src/store/create-event-store.ts';
import { describeOutages } from './describe-outages.ts';
import { describeTwoEngines } from './describe-two-engines.ts';
import { describeEventStoreContract, requireServer } from './event-store-contract.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Every space gets its own key namespace; the contract clears it after each test.
const run = randomUUID().slice(0, 8);
let spaces = 0;
const spaceUrl = () => `${REDIS_URL}?namespace=storyroom-test-${run}-${++spaces}`;

beforeAll(() => requireServer('Redis', REDIS_URL, () => createEventStore(spaceUrl())));

describe('Redis EventStore', () => {
  describeEventStoreContract(() => {
    const url = spaceUrl();
    return { open: () => createEventStore(url), openKeyv: () => openKeyv(url) };
  });
});

describeOutages('Redis', spaceUrl);

const twoEnginesUrl = spaceUrl();
describeTwoEngines('Redis', () => createEventStore(twoEnginesUrl));
