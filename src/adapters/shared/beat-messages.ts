// Which platform message shows which beat, so a reaction on the message can be counted on the beat
// (issue 13). Kept in the store beside the room (an attachment per message, ids only), so it holds across
// restarts and every platform uses the same map: Discord records its beat replies and character lines here,
// Slack its messages (a message's `ts` is its id). Reactions on messages not found here are not on beats.
// A platform whose message ids are unique in a place wider than a room (Slack: a channel, whose threads are
// rooms of their own, and whose reaction events name only the channel) files them under that place, with the
// room they belong to.
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { EventStore } from '../../story/event-store.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef } from '../../story/types.ts';

export type BeatMessageStore = Pick<EventStore, 'readAttachment' | 'writeAttachment'>;

/** Message ids as every platform writes them: Discord's snowflakes, Slack's "1700000000.000100". */
const MESSAGE_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** `channelId`: the room's, when it is filed under a wider place (Slack: a thread's room, filed under its channel). */
const stored = z.object({
  beatId: z.string().min(1).max(64),
  channelId: z.string().min(1).max(200).optional(),
});
/**
 * Messages found, remembered in memory so a burst of reactions on one message reads the store once. Misses are
 * not: a reaction can arrive before the message it is on is remembered (or on another process).
 */
const CACHED_MAX = 5_000;

export interface BeatMessages {
  /**
   * Remembers that these messages (the pieces of one reply) show the beat of `room`; `place` is where the
   * platform's message ids are unique, when that is wider than the room (same platform and workspace).
   */
  remember(room: RoomRef, messageIds: readonly string[], beatId: string, place?: RoomRef): Promise<void>;
  /** The beat a message shows, or undefined when it shows none (or its id could not be one of ours). */
  beatOf(room: RoomRef, messageId: string): Promise<string | undefined>;
  /** The room and beat a message filed under `place` shows, or undefined when it shows none. */
  shownAt(place: RoomRef, messageId: string): Promise<ShownBeat | undefined>;
}

export interface ShownBeat {
  room: RoomRef;
  beatId: string;
}

export const beatMessageKey = (platform: RoomRef['platform'], messageId: string) =>
  `${platform}-beat-message.${messageId}`;

export function createBeatMessages(deps: { store: BeatMessageStore; logger: Logger }): BeatMessages {
  const cache = new Map<string, ShownBeat>();
  const keep = (key: string, shown: ShownBeat) => {
    cache.delete(key);
    cache.set(key, shown);
    for (const oldest of cache.keys()) {
      if (cache.size <= CACHED_MAX) break;
      cache.delete(oldest);
    }
  };
  const cacheKey = (place: RoomRef, messageId: string) => `${roomIdOf(place)}/${messageId}`;

  async function shownAt(place: RoomRef, messageId: string): Promise<ShownBeat | undefined> {
    if (!MESSAGE_ID.test(messageId)) return undefined;
    const key = cacheKey(place, messageId);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const raw = await deps.store.readAttachment(roomIdOf(place), beatMessageKey(place.platform, messageId));
    if (raw === undefined) return undefined;
    const parsed = stored.safeParse(raw);
    if (!parsed.success) {
      deps.logger.warn(
        { roomId: roomIdOf(place), messageId },
        'a stored beat message is not in the expected shape',
      );
      return undefined;
    }
    const { beatId, channelId } = parsed.data;
    const shown = { room: channelId ? { ...place, channelId } : place, beatId };
    keep(key, shown);
    return shown;
  }

  return {
    async remember(room, messageIds, beatId, place = room) {
      const channelId = room.channelId === place.channelId ? undefined : room.channelId;
      for (const messageId of messageIds) {
        if (!MESSAGE_ID.test(messageId)) continue;
        keep(cacheKey(place, messageId), { room, beatId });
        await deps.store.writeAttachment(roomIdOf(place), beatMessageKey(place.platform, messageId), {
          beatId,
          ...(channelId ? { channelId } : {}),
        });
      }
    },

    async beatOf(room, messageId) {
      const shown = await shownAt(room, messageId);
      return shown && shown.room.channelId === room.channelId ? shown.beatId : undefined;
    },

    shownAt,
  };
}
