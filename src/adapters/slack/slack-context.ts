// Where a Slack event happened, as a storyroom room: a channel is a room, and a thread of it is a room of its
// own (`C123:1700000000.000100`, see story/room-id.ts). The Slack channel and thread are kept apart for posting.
import type { RoomRef } from '../../story/types.ts';

export interface SlackPlace {
  teamId: string;
  /** The Slack channel (C…, G…, D…). */
  channel: string;
  /** The thread's parent message, when the room is a thread. */
  threadTs?: string | undefined;
}

export function roomOfPlace(place: SlackPlace): RoomRef {
  return {
    platform: 'slack',
    workspaceId: place.teamId,
    channelId: place.threadTs ? `${place.channel}:${place.threadTs}` : place.channel,
  };
}

/** The Slack channel and thread a room posts into (the inverse of roomOfPlace). */
export function placeOfRoom(room: RoomRef): SlackPlace {
  const [channel = '', threadTs] = room.channelId.split(':');
  return { teamId: room.workspaceId, channel, ...(threadTs ? { threadTs } : {}) };
}
