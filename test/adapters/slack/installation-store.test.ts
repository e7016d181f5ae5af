// Bolt's installations in the rooms' store, on each real backend: a second store instance (as another
// process would) reads what the first stored, deletes are seen, and a team that never installed the app
// gets Bolt's authorization error, with no listener run.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Installation } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInstallationStore } from '../../../src/adapters/slack/installation-store.ts';
import { slackLoggerOf } from '../../../src/adapters/slack/slack-logger.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createEventStore, openKeyv } from '../../../src/store/create-event-store.ts';
import type { EventStore } from '../../../src/story/event-store.ts';
import { dropPostgresTable } from '../../helpers/drop-postgres-table.ts';
import { requireServer } from '../../store/event-store-contract.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const run = randomUUID().slice(0, 8);
const table = `storyroom_test_installs_${run}`;
let dir: string;
let spaces = 0;

const redisSpaces: string[] = [];
const redisSpace = () => {
  const url = `${REDIS_URL}?namespace=storyroom-test-installs-${run}-${++spaces}`;
  redisSpaces.push(url);
  return url;
};

const backends: { name: string; url: () => string }[] = [
  { name: 'SQLite', url: () => `sqlite://${join(dir, `installs-${++spaces}.sqlite`)}` },
  { name: 'Redis', url: redisSpace },
  { name: 'PostgreSQL', url: () => `${POSTGRES_URL}?table=${table}&namespace=installs-${++spaces}` },
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-installs-'));
  await requireServer('Redis', REDIS_URL, () => createEventStore(redisSpace()));
  await requireServer('PostgreSQL', POSTGRES_URL, () =>
    createEventStore(`${POSTGRES_URL}?table=${table}&namespace=probe`),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const url of redisSpaces) {
    const keyv = openKeyv(url);
    await keyv.clear();
    await keyv.disconnect();
  }
  await dropPostgresTable(POSTGRES_URL, table);
});

const BOT_TOKEN = 'xoxb-1111-2222-secretsecret';

const teamInstall: Installation<'v2', false> = {
  team: { id: 'T0001', name: 'Night Writers' },
  enterprise: undefined,
  user: { token: undefined, scopes: undefined, id: 'U0001' },
  bot: {
    token: BOT_TOKEN,
    scopes: ['commands', 'chat:write'],
    id: 'B0001',
    userId: 'U0BOT',
  },
  appId: 'A0001',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
};

const orgInstall: Installation<'v2', true> = {
  team: undefined,
  enterprise: { id: 'E0001', name: 'Big Org' },
  user: { token: undefined, scopes: undefined, id: 'U0002' },
  bot: { token: 'xoxb-org-secret', scopes: ['commands'], id: 'B0002', userId: 'U0BOT2' },
  appId: 'A0001',
  tokenType: 'bot',
  enterpriseUrl: 'https://big-org.enterprise.slack.com/',
  isEnterpriseInstall: true,
  authVersion: 'v2',
};

const teamQuery = (teamId: string) => ({
  teamId,
  enterpriseId: undefined,
  isEnterpriseInstall: false as const,
});

for (const backend of backends) {
  describe(`Slack installations in ${backend.name}`, () => {
    const opened: EventStore[] = [];
    const open = async (url: string) => {
      const store = await createEventStore(url);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('gives back to a second instance the workspace and org installations the first stored', async () => {
      const url = backend.url();
      const first = createInstallationStore(await open(url));
      await first.storeInstallation(teamInstall);
      await first.storeInstallation(orgInstall);

      const second = createInstallationStore(await open(url));
      expect(await second.fetchInstallation(teamQuery('T0001'))).toEqual(
        JSON.parse(JSON.stringify(teamInstall)),
      );
      // A user of that workspace (Bolt adds userId) gets the workspace's bot installation.
      expect((await second.fetchInstallation({ ...teamQuery('T0001'), userId: 'U0042' })).bot?.token).toBe(
        BOT_TOKEN,
      );
      expect(
        await second.fetchInstallation({
          teamId: undefined,
          enterpriseId: 'E0001',
          isEnterpriseInstall: true,
        }),
      ).toEqual(JSON.parse(JSON.stringify(orgInstall)));
    });

    it('forgets a deleted installation for every instance, and keeps the others', async () => {
      const url = backend.url();
      const first = createInstallationStore(await open(url));
      await first.storeInstallation(teamInstall);
      await first.storeInstallation({ ...teamInstall, team: { id: 'T0002' } });
      const second = createInstallationStore(await open(url));
      await second.deleteInstallation?.(teamQuery('T0001'));
      await expect(first.fetchInstallation(teamQuery('T0001'))).rejects.toThrow(
        'No installation data found (team T0001)',
      );
      expect((await first.fetchInstallation(teamQuery('T0002'))).team?.id).toBe('T0002');
    });

    it('refuses a stored installation of the wrong shape without showing its token', async () => {
      const url = backend.url();
      const store = await open(url);
      await store.writeAttachment('slack:T0003', 'installation', {
        v: 1,
        installation: { ...teamInstall, team: { id: 'T0003' }, bot: { token: BOT_TOKEN, scopes: 'all' } },
      });
      const error = await createInstallationStore(store)
        .fetchInstallation(teamQuery('T0003'))
        .catch((e: unknown) => e);
      expect(String(error)).toMatch(
        /not in the expected shape \(installation\.bot\.scopes, installation\.bot\.id, installation\.bot\.userId\)/,
      );
      expect(String(error)).not.toContain(BOT_TOKEN);
    });

    it('answers an event from a team that never installed the app with Bolt’s authorization error', async () => {
      const installationStore = createInstallationStore(await open(backend.url()));
      const app = new App({
        signingSecret: 'signing-secret',
        clientId: '1111.2222',
        clientSecret: 'client-secret',
        stateSecret: 'state-secret',
        scopes: ['commands'],
        installationStore,
        logger: slackLoggerOf(silentLogger),
      });
      const errors: { code?: string; message: string }[] = [];
      app.error(async (error) => {
        errors.push(error);
      });
      let ran = false;
      app.command('/scene', async ({ ack }) => {
        ran = true;
        await ack();
      });
      let acked = false;
      await app.processEvent({
        body: {
          command: '/scene',
          text: 'start',
          team_id: 'T0404',
          user_id: 'U1',
          channel_id: 'C1',
          response_url: 'https://hooks.slack.com/commands/x',
          trigger_id: 't',
        },
        ack: async () => {
          acked = true;
        },
      });
      expect(acked).toBe(true);
      expect(ran).toBe(false);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.code).toBe('slack_bolt_authorization_error');
      expect(errors[0]?.message).toContain('No installation data found (team T0404)');
    });
  });
}

describe('Slack installation store', () => {
  it('refuses an installation with neither a team nor an enterprise id', async () => {
    const store = await createEventStore('memory:');
    const installations = createInstallationStore(store);
    await expect(
      installations.storeInstallation({ ...teamInstall, team: { id: '' } } as Installation),
    ).rejects.toThrow('cannot store a workspace installation without a valid team id');
    await expect(
      installations.fetchInstallation({
        teamId: undefined,
        enterpriseId: undefined,
        isEnterpriseInstall: true,
      } as never),
    ).rejects.toThrow('cannot fetch an org installation without a valid enterprise id');
    await store.close();
  });
});
