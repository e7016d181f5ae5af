// What storyroom needs to know about a Slack user beyond an event: their language, for what only they read
// (users.info with include_locale: "en-US", "zh-CN"), and their display name where the event carries none
// (a mention). Cached per workspace and user; a failed lookup is not cached, and then the reply follows the
// room's language.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.ts';

const TTL_MS = 60 * 60 * 1000;
const USERS_MAX = 10_000;

export interface UserProfile {
  locale?: string | undefined;
  name?: string | undefined;
}

export interface UserProfiles {
  profileOf(client: WebClient, teamId: string, userId: string): Promise<UserProfile>;
}

export function createUserProfiles(deps: { logger: Logger; now: () => number }): UserProfiles {
  const cache = new Map<string, { profile: UserProfile; until: number }>();
  const pending = new Map<string, Promise<UserProfile>>();

  async function lookup(client: WebClient, key: string, userId: string): Promise<UserProfile> {
    try {
      const { user } = await client.users.info({ user: userId, include_locale: true });
      const profile: UserProfile = {
        locale: user?.locale || undefined,
        name: user?.profile?.display_name || user?.real_name || user?.name || undefined,
      };
      if (cache.size >= USERS_MAX) cache.clear();
      cache.set(key, { profile, until: deps.now() + TTL_MS });
      return profile;
    } catch (error) {
      deps.logger.warn({ err: error, userId }, 'could not read a Slack user profile');
      return {};
    }
  }

  return {
    async profileOf(client, teamId, userId) {
      const key = `${teamId}/${userId}`;
      const cached = cache.get(key);
      if (cached && cached.until > deps.now()) return cached.profile;
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
  };
}
