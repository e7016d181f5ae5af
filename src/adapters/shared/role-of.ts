// How every platform turns what it knows of a person into a story role. The platform decides who counts as
// a moderator (Discord: Manage Channels/Messages or the moderator role; Slack: owners, admins or the
// moderator user group) and whether the person is in the configured writers' group; the rest is the same
// everywhere. Whether writers alone may continue is the room's `who_may_continue`, which the engine enforces.
import type { Role } from '../../story/types.ts';

export interface RoleFacts {
  /** A platform admin or a member of the configured moderators' group. */
  moderator: boolean;
  /** Whether the person is in the configured writers' group; undefined when no such group is configured. */
  inWriterGroup: boolean | undefined;
}

/** Moderators first; then writers: everyone when no writers' group is configured, else its members. */
export function roleOf(facts: RoleFacts): Role {
  if (facts.moderator) return 'moderator';
  return facts.inWriterGroup === false ? 'audience' : 'writer';
}
