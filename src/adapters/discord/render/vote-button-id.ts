// A vote button's custom_id carries the room (guild and channel) and the vote, so a button posted before a
// restart still finds its vote. Discord sends the id back as it was; it is parsed as outside data anyway.
import { z } from 'zod';
import type { RoomRef } from '../../../story/types.ts';

const PREFIX = 'storyroom:vote';
const CUSTOM_ID_MAX = 100;

export interface VoteButton {
  room: RoomRef;
  voteId: string;
  /** 0-based option index. */
  option: number;
}

const BUTTON_ID = /^storyroom:vote:(\d{1,20}):(\d{1,20}):([A-Za-z0-9_-]{1,40}):([1-5])$/;
const buttonIdSchema = z.string().max(CUSTOM_ID_MAX).regex(BUTTON_ID);

export function voteButtonId(button: VoteButton): string {
  const id = `${PREFIX}:${button.room.workspaceId}:${button.room.channelId}:${button.voteId}:${button.option + 1}`;
  if (!buttonIdSchema.safeParse(id).success) throw new Error(`cannot encode vote button id "${id}"`);
  return id;
}

export const isVoteButtonId = (customId: string): boolean => customId.startsWith(`${PREFIX}:`);

export function parseVoteButtonId(customId: string): VoteButton | undefined {
  const parsed = buttonIdSchema.safeParse(customId);
  if (!parsed.success) return undefined;
  const [, guildId, channelId, voteId, option] = BUTTON_ID.exec(parsed.data) ?? [];
  if (!guildId || !channelId || !voteId || !option) return undefined;
  return {
    room: { platform: 'discord', workspaceId: guildId, channelId },
    voteId,
    option: Number(option) - 1,
  };
}
