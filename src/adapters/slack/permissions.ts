// Who is a moderator or a writer in a Slack room. Moderators: the workspace's owners and admins (users.info)
// and members of SLACK_MODERATOR_USERGROUP_ID; writers: everyone, or only members of SLACK_WRITER_USERGROUP_ID
// when it is set (the room's who_may_continue then decides, in the engine, whether only writers continue).
// Answers are cached per team and user (users.info) and per team and user group (its member list), for
// `ttlMs`, one lookup at a time per key, within a bounded number of entries.
// A lookup that fails or is slow (a Slack error, a 429 the client is waiting out) never stalls a command and
// never grants anything: the last good answer (up to an hour old) is used, or "not an admin, not a member"
// when there is none, and Slack is asked again after `failureTtlMs`.
import type { Logger } from '../../logger.ts';
import type { Clock } from '../../story/clock.ts';
import type { Role } from '../../story/types.ts';
import { roleOf } from '../shared/role-of.ts';
import { createLookupCache, type Looked } from './lookup-cache.ts';

/** The two Web API methods this needs; a WebClient has them (with users:read and usergroups:read). */
export interface SlackDirectoryClient {
  users: {
    info(args: { user: string }): Promise<{
      user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; deleted?: boolean };
    }>;
  };
  usergroups: {
    users: { list(args: { usergroup: string }): Promise<{ users?: string[] }> };
  };
}

export interface SlackPermissionsOptions {
  moderatorUsergroupId?: string | undefined;
  writerUsergroupId?: string | undefined;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  failureTtlMs?: number;
  /** Longest a command waits for Slack's answer before going on without it. */
  timeoutMs?: number;
  maxEntries?: number;
  /** How long a last good answer may stand in for failed lookups. */
  maxStaleMs?: number;
}

export interface SlackPermissions {
  /** The person's role in the team's rooms; `client` is the team's (its installation's token). */
  roleOf(who: { teamId: string; userId: string; client: SlackDirectoryClient }): Promise<Role>;
}

const NOBODY: ReadonlySet<string> = new Set();

export function createSlackPermissions(options: SlackPermissionsOptions): SlackPermissions {
  const cacheOptions = {
    clock: options.clock,
    ttlMs: options.ttlMs ?? 5 * 60_000,
    failureTtlMs: options.failureTtlMs ?? 30_000,
    timeoutMs: options.timeoutMs ?? 2000,
    maxEntries: options.maxEntries ?? 10_000,
    maxStaleMs: options.maxStaleMs ?? 60 * 60_000,
  };
  const admins = createLookupCache<boolean>(cacheOptions);
  // Member lists are few (one or two groups per team), so fewer entries.
  const groups = createLookupCache<ReadonlySet<string>>({
    ...cacheOptions,
    maxEntries: Math.max(1, Math.floor(cacheOptions.maxEntries / 10)),
  });

  function report<T>(looked: Looked<T>, teamId: string, method: string): T {
    if (looked.failure !== undefined) {
      options.logger.warn(
        { teamId, method, error: describeFailure(looked.failure) },
        'a Slack permission lookup failed; going on with what was known before',
      );
    }
    return looked.value;
  }

  async function isAdmin(teamId: string, userId: string, client: SlackDirectoryClient) {
    const looked = await admins.get(
      `${teamId}/${userId}`,
      async () => {
        const { user } = await client.users.info({ user: userId });
        return (
          user?.deleted !== true &&
          (user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true)
        );
      },
      false,
    );
    return report(looked, teamId, 'users.info');
  }

  async function inGroup(
    teamId: string,
    groupId: string | undefined,
    userId: string,
    client: SlackDirectoryClient,
  ): Promise<boolean | undefined> {
    if (groupId === undefined) return undefined;
    const looked = await groups.get(
      `${teamId}/${groupId}`,
      async () => new Set((await client.usergroups.users.list({ usergroup: groupId })).users ?? []),
      NOBODY,
    );
    return report(looked, teamId, 'usergroups.users.list').has(userId);
  }

  return {
    async roleOf({ teamId, userId, client }) {
      const [admin, inModeratorGroup, inWriterGroup] = await Promise.all([
        isAdmin(teamId, userId, client),
        inGroup(teamId, options.moderatorUsergroupId, userId, client),
        inGroup(teamId, options.writerUsergroupId, userId, client),
      ]);
      return roleOf({ moderator: admin || inModeratorGroup === true, inWriterGroup });
    },
  };
}

/** What of a failed lookup may be logged: Slack's error code, never the request (it carries the token). */
function describeFailure(failure: unknown): string {
  if (failure === 'timeout') return 'timeout';
  if (typeof failure !== 'object' || failure === null) return 'unknown';
  const { code, data } = failure as { code?: unknown; data?: { error?: unknown } };
  const slackError = typeof data?.error === 'string' ? data.error : undefined;
  if (typeof code === 'string') return slackError ? `${code}: ${slackError}` : code;
  return failure instanceof Error ? failure.name : 'unknown';
}
