// Which platform message shows which beat, so a reaction on the message can be counted on the beat
// (issue 13). Kept in the store beside the room (an attachment per message, ids only), so it holds across
// restarts and every platform uses the same map: Discord records its beat replies and character lines here,
// Slack its messages (a message's `ts` is its id). Reactions on messages not found here are not on beats.
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { EventStore } from '../../story/event-store.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef } from '../../story/types.ts';

export type BeatMessageStore = Pick<EventStore, 'readAttachment' | 'writeAttachment'>;

/** Message ids as every platform writes them: Discord's snowflakes, Slack's "1700000000.000100". */
const MESSAGE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const stored = z.object({ beatId: z.string().min(1).max(64) });
/**
 * Messages found, remembered in memory so a burst of reactions on one message reads the store once. Misses are
 * not: a reaction can arrive before the message it is on is remembered (or on another process).
 */
const CACHED_MAX = 5_000;

export interface BeatMessages {
  /** Remembers that these messages (the pieces of one reply) show the beat. */
  remember(room: RoomRef, messageIds: readonly string[], beatId: string): Promise<void>;
  /** The beat a message shows, or undefined when it shows none (or its id could not be one of ours). */
  beatOf(room: RoomRef, messageId: string): Promise<string | undefined>;
}

export const beatMessageKey = (platform: RoomRef['platform'], messageId: string) =>
  `${platform}-beat-message.${messageId}`;

export function createBeatMessages(deps: { store: BeatMessageStore; logger: Logger }): BeatMessages {
  const cache = new Map<string, string>();
  const keep = (key: string, beatId: string) => {
    cache.delete(key);
    cache.set(key, beatId);
    for (const oldest of cache.keys()) {
      if (cache.size <= CACHED_MAX) break;
      cache.delete(oldest);
    }
  };
  const cacheKey = (room: RoomRef, messageId: string) => `${roomIdOf(room)}/${messageId}`;

  return {
    async remember(room, messageIds, beatId) {
      for (const messageId of messageIds) {
        if (!MESSAGE_ID.test(messageId)) continue;
        keep(cacheKey(room, messageId), beatId);
        await deps.store.writeAttachment(roomIdOf(room), beatMessageKey(room.platform, messageId), {
          beatId,
        });
      }
    },

    async beatOf(room, messageId) {
      if (!MESSAGE_ID.test(messageId)) return undefined;
      const key = cacheKey(room, messageId);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const raw = await deps.store.readAttachment(roomIdOf(room), beatMessageKey(room.platform, messageId));
      if (raw === undefined) return undefined;
      const parsed = stored.safeParse(raw);
      if (!parsed.success) {
        deps.logger.warn(
          { roomId: roomIdOf(room), messageId },
          'a stored beat message is not in the expected shape',
        );
        return undefined;
      }
      keep(key, parsed.data.beatId);
      return parsed.data.beatId;
    },
  };
}
