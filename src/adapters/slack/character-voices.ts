// Whether characters can speak under their own names in a workspace: posting with `username` and an icon
// needs the chat:write.customize scope, read from auth.test's granted scopes (x-oauth-scopes) and cached.
// Without it a moderator is told once per room; that it was told is kept in the store, across restarts.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.ts';
import type { EventStore } from '../../story/event-store.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef } from '../../story/types.ts';

export const CUSTOMIZE_SCOPE = 'chat:write.customize';
const SCOPES_TTL_MS = 10 * 60 * 1000;
const NOTICE_KEY = 'slack-voices-notice';
const TEAMS_MAX = 10_000;
const ROOMS_MAX = 10_000;

export interface CharacterVoices {
  /** Whether the workspace's bot may post under another name and icon. */
  canCustomize(client: WebClient, teamId: string): Promise<boolean>;
  /** True the first time it is asked for a room (ever): then a moderator is told voices lack the scope. */
  claimNotice(room: RoomRef): Promise<boolean>;
}

export function createCharacterVoices(deps: {
  store: Pick<EventStore, 'readAttachment' | 'writeAttachment'>;
  logger: Logger;
  now: () => number;
}): CharacterVoices {
  const scopes = new Map<string, { allowed: boolean; until: number }>();
  const told = new Set<string>();

  return {
    async canCustomize(client, teamId) {
      const cached = scopes.get(teamId);
      if (cached && cached.until > deps.now()) return cached.allowed;
      let allowed = false;
      try {
        const result = await client.auth.test();
        allowed = result.response_metadata?.scopes?.includes(CUSTOMIZE_SCOPE) === true;
      } catch (error) {
        deps.logger.warn(
          { err: error, teamId },
          "could not read the bot's Slack scopes; voices are off for now",
        );
        return false;
      }
      if (scopes.size >= TEAMS_MAX) scopes.clear();
      scopes.set(teamId, { allowed, until: deps.now() + SCOPES_TTL_MS });
      return allowed;
    },

    async claimNotice(room) {
      const id = roomIdOf(room);
      if (told.has(id)) return false;
      // Rooms told since start; a forgotten one is found in the store again.
      if (told.size >= ROOMS_MAX) told.clear();
      told.add(id);
      try {
        if ((await deps.store.readAttachment(id, NOTICE_KEY)) !== undefined) return false;
        await deps.store.writeAttachment(id, NOTICE_KEY, { toldAt: deps.now() });
      } catch (error) {
        deps.logger.warn(
          { err: error, roomId: id },
          'could not remember that a moderator was told about voices',
        );
      }
      return true;
    },
  };
}
