import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  createSlackPermissions,
  type SlackDirectoryClient,
  type SlackPermissionsOptions,
} from '../../../src/adapters/slack/permissions.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

type SlackUser = { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; deleted?: boolean };

/** A fake of the two Web API methods, counting calls; `fail` makes them throw as the WebClient does. */
function fakeDirectory(people: Record<string, SlackUser>, groups: Record<string, string[]> = {}) {
  const calls: string[] = [];
  const state = {
    fail: undefined as unknown,
    hang: false,
  };
  const answer = async <T>(call: string, value: () => T): Promise<T> => {
    calls.push(call);
    if (state.hang) return new Promise<T>(() => {});
    if (state.fail !== undefined) throw state.fail;
    return value();
  };
  const client: SlackDirectoryClient = {
    users: { info: ({ user }) => answer(`users.info ${user}`, () => ({ user: people[user] ?? {} })) },
    usergroups: {
      users: {
        list: ({ usergroup }) =>
          answer(`usergroups.users.list ${usergroup}`, () => ({ users: groups[usergroup] ?? [] })),
      },
    },
  };
  return { client, calls, state };
}

function setup(options: Partial<SlackPermissionsOptions> = {}) {
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const permissions = createSlackPermissions({ clock, logger, ...options });
  return { clock, logger, permissions };
}

const rateLimited = Object.assign(new Error('An API error occurred: ratelimited'), {
  code: 'slack_webapi_platform_error',
  data: { ok: false, error: 'ratelimited' },
});

describe('Slack permissions', () => {
  it('makes workspace owners and admins moderators, and everyone else a writer', async () => {
    const { permissions } = setup();
    const { client } = fakeDirectory({
      U1: { is_owner: true },
      U2: { is_admin: true },
      U3: { is_primary_owner: true, is_owner: true, is_admin: true },
      U4: {},
      U5: { is_admin: true, deleted: true },
    });
    const roles = await Promise.all(
      ['U1', 'U2', 'U3', 'U4', 'U5'].map((userId) => permissions.roleOf({ teamId: 'T1', userId, client })),
    );
    expect(roles).toEqual(['moderator', 'moderator', 'moderator', 'writer', 'writer']);
  });

  it('makes the moderator user group moderators, and only the writer group writers when it is set', async () => {
    const { permissions } = setup({ moderatorUsergroupId: 'SMOD', writerUsergroupId: 'SWRITE' });
    const { client } = fakeDirectory({}, { SMOD: ['U1'], SWRITE: ['U2'] });
    const role = (userId: string) => permissions.roleOf({ teamId: 'T1', userId, client });
    expect(await role('U1')).toBe('moderator');
    expect(await role('U2')).toBe('writer');
    expect(await role('U3')).toBe('audience');
  });

  it('asks Slack once per person and group for five minutes, however many commands arrive at once', async () => {
    const { clock, permissions } = setup({ moderatorUsergroupId: 'SMOD' });
    const { client, calls } = fakeDirectory({ U1: {} }, { SMOD: [] });
    await Promise.all(
      Array.from({ length: 20 }, () => permissions.roleOf({ teamId: 'T1', userId: 'U1', client })),
    );
    expect(calls).toEqual(['users.info U1', 'usergroups.users.list SMOD']);
    await clock.advance(5 * 60_000 - 1);
    await permissions.roleOf({ teamId: 'T1', userId: 'U1', client });
    expect(calls).toHaveLength(2);
    await clock.advance(1);
    await permissions.roleOf({ teamId: 'T1', userId: 'U1', client });
    expect(calls).toEqual([
      'users.info U1',
      'usergroups.users.list SMOD',
      'users.info U1',
      'usergroups.users.list SMOD',
    ]);
  });

  it('keeps each team’s answers apart, even for the same user id', async () => {
    const { permissions } = setup();
    const admin = fakeDirectory({ U1: { is_admin: true } });
    const plain = fakeDirectory({ U1: {} });
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client: admin.client })).toBe('moderator');
    expect(await permissions.roleOf({ teamId: 'T2', userId: 'U1', client: plain.client })).toBe('writer');
    expect(plain.calls).toEqual(['users.info U1']);
  });

  it('never makes anyone a moderator or a writer when Slack fails, logs no token, and asks again after 30 s', async () => {
    const { clock, logger, permissions } = setup({ writerUsergroupId: 'SWRITE' });
    const { client, calls, state } = fakeDirectory({ U1: { is_admin: true } }, { SWRITE: ['U1'] });
    state.fail = rateLimited;
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client })).toBe('audience');
    expect(calls).toHaveLength(2);
    expect(logger.entries.map((entry) => entry.obj)).toContainEqual({
      teamId: 'T1',
      method: 'users.info',
      error: 'slack_webapi_platform_error: ratelimited',
    });
    // Within 30 s Slack is not asked again.
    await clock.advance(29_999);
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client })).toBe('audience');
    expect(calls).toHaveLength(2);
    state.fail = undefined;
    await clock.advance(1);
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client })).toBe('moderator');
    expect(calls).toHaveLength(4);
  });

  it('answers within the timeout when Slack does not answer, and uses the answer when it comes', async () => {
    const { clock, permissions } = setup({ timeoutMs: 2000 });
    const { client, state } = fakeDirectory({ U1: { is_admin: true } });
    state.hang = true;
    let role: string | undefined;
    void permissions.roleOf({ teamId: 'T1', userId: 'U1', client }).then((answer) => {
      role = answer;
    });
    await clock.advance(1999);
    expect(role).toBeUndefined();
    await clock.advance(1);
    expect(role).toBe('writer');
  });

  it('keeps the last good answer (up to an hour old) while Slack fails', async () => {
    const { clock, permissions } = setup();
    const { client, state } = fakeDirectory({ U1: { is_admin: true } });
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client })).toBe('moderator');
    state.fail = rateLimited;
    await clock.advance(10 * 60_000);
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client })).toBe('moderator');
    await clock.advance(50 * 60_000);
    expect(await permissions.roleOf({ teamId: 'T1', userId: 'U1', client })).toBe('writer');
  });

  it('keeps at most maxEntries people, forgetting the least recently asked', async () => {
    const { permissions } = setup({ maxEntries: 2 });
    const { client, calls } = fakeDirectory({});
    for (const userId of ['U1', 'U2', 'U1', 'U3', 'U1', 'U2']) {
      await permissions.roleOf({ teamId: 'T1', userId, client });
    }
    expect(calls).toEqual(['users.info U1', 'users.info U2', 'users.info U3', 'users.info U2']);
  });

  it('takes a real WebClient as its client (a type error here fails tsc)', () => {
    const client: SlackDirectoryClient = new WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:9/' });
    expect(typeof client.users.info).toBe('function');
  });
});
