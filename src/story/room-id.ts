import type { RoomRef } from './types.ts';

/** One room per channel: platform, workspace (guild or team) and channel make its id. */
export const roomIdOf = (ref: RoomRef): string => `${ref.platform}:${ref.workspaceId}:${ref.channelId}`;
