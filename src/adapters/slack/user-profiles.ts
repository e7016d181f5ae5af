// What storyroom knows about a Slack user from users.info (with include_locale): whether they are an owner
// or admin (for permissions.ts), their language for what only they read ("en-US", "zh-CN"), their display
// name where the event carries none (a mention, a reaction) and whether they are a bot. One lookup serves all: cached per workspace and user,
// one request at a time per user; a failed lookup is not cached (the reply then follows the room's language).
import type { UsersInfoResponse, WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.ts';
import type { SlackDirectoryClient } from './permissions.ts';

/** As long as permissions.ts keeps a role: an admin's change shows within the same time. */
const TTL_MS = 5 * 60 * 1000;
const USERS_MAX = 10_000;

export interface UserProfile {
  locale?: string | undefined;
  name?: string | undefined;
  /** A bot user (an app's, this one's included): its reactions are not the audience's. */
  bot?: boolean | undefined;
}

export interface UserProfiles {
  /** users.info for the user, cached; rejects when Slack could not say. */
  userInfo(client: WebClient, teamId: string, userId: string): Promise<UsersInfoResponse>;
  /** The user's language and name; empty when Slack could not say. */
  profileOf(client: WebClient, teamId: string, userId: string): Promise<UserProfile>;
  /** A directory for permissions.ts whose users.info is this cache's. */
  directory(client: WebClient, teamId: string): SlackDirectoryClient;
}

export function createUserProfiles(deps: { logger: Logger; now: () => number }): UserProfiles {
  const cache = new Map<string, { info: UsersInfoResponse; until: number }>();
  const pending = new Map<string, Promise<UsersInfoResponse>>();

  async function lookup(client: WebClient, key: string, userId: string): Promise<UsersInfoResponse> {
    const info = await client.users.info({ user: userId, include_locale: true });
    if (cache.size >= USERS_MAX) cache.clear();
    cache.set(key, { info, until: deps.now() + TTL_MS });
    return info;
  }

  const profiles: UserProfiles = {
    async userInfo(client, teamId, userId) {
      const key = `${teamId}/${userId}`;
      const cached = cache.get(key);
      if (cached && cached.until > deps.now()) return cached.info;
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const request = lookup(client, key, userId);
      pending.set(key, request);
      try {
        return await request;
      } finally {
        pending.delete(key);
      }
    },

    async profileOf(client, teamId, userId) {
      try {
        const { user } = await profiles.userInfo(client, teamId, userId);
        return {
          locale: user?.locale || undefined,
          name: user?.profile?.display_name || user?.real_name || user?.name || undefined,
          bot: user?.is_bot === true || user?.id === 'USLACKBOT',
        };
      } catch (error) {
        deps.logger.warn({ err: error, userId }, 'could not read a Slack user profile');
        return {};
      }
    },

    directory(client, teamId) {
      return {
        users: { info: ({ user }) => profiles.userInfo(client, teamId, user) },
        usergroups: client.usergroups,
      };
    },
  };
  return profiles;
}
