// Who acted, from a Slack event: the workspace's client, the person as an actor (their role from
// permissions.ts, their name) and their language, from one cached users.info.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../story/types.ts';
import type { SlackDeps } from './slack-deps.ts';

export interface WhoActed {
  client: WebClient;
  actor: Actor;
  /** The person's Slack language, when known. */
  personLocale: string | undefined;
}

/** `name` is what the event says (a slash command's user_name); a mention has none, so the profile's is used. */
export async function whoActed(
  deps: Pick<SlackDeps, 'clientFor' | 'permissions' | 'profiles'>,
  person: { teamId: string; userId: string; name?: string | undefined },
): Promise<WhoActed> {
  const { teamId, userId } = person;
  const client = await deps.clientFor(teamId);
  const [role, profile] = await Promise.all([
    deps.permissions.roleOf({ teamId, userId, client: deps.profiles.directory(client, teamId) }),
    deps.profiles.profileOf(client, teamId, userId),
  ]);
  return {
    client,
    actor: { id: userId, name: person.name ?? profile.name ?? userId, role },
    personLocale: profile.locale,
  };
}
