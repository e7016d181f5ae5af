import Keyv from 'keyv';
import { describe } from 'vitest';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { describeTwoEngines } from './describe-two-engines.ts';
import { describeEventStoreContract } from './event-store-contract.ts';

describe('memory EventStore', () => {
  // One Map per space, so a store opened later sees what an earlier one wrote (as with a real backend).
  describeEventStoreContract(() => {
    const map = new Map();
    const openKeyv = () => new Keyv({ store: map, namespace: 'storyroom' });
    return { open: async () => createKeyvEventStore(openKeyv()), openKeyv };
  });
});

const shared = new Map();
describeTwoEngines('memory', async () =>
  createKeyvEventStore(new Keyv({ store: shared, namespace: 'storyroom' })),
);
