import type { Platform, RoomRef } from './types.ts';

/** Every platform, as a record so that a new one fails to compile until it is listed here. */
const PLATFORMS: Record<Platform, true> = { discord: true, slack: true, console: true };
const isPlatform = (name: string | undefined): name is Platform =>
  name !== undefined && Object.hasOwn(PLATFORMS, name);

/** One room per channel: platform, workspace (guild or team) and channel make its id. */
export const roomIdOf = (ref: RoomRef): string => `${ref.platform}:${ref.workspaceId}:${ref.channelId}`;

/**
 * A room id back to the room it names, or undefined when it names none. The channel is everything after the
 * workspace, so it may hold ':' itself (a Slack thread's room: "slack:T1:C1:1700000000.000100").
 */
export function parseRoomId(roomId: string): RoomRef | undefined {
  const [platform, workspaceId, ...channel] = roomId.split(':');
  if (!isPlatform(platform) || !workspaceId || channel.length === 0) return undefined;
  return { platform, workspaceId, channelId: channel.join(':') };
}
