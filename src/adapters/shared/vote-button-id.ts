// A vote button carries its room and vote in the id the platform sends back (Discord's custom_id, Slack's
// action_id and value), so a button posted before a restart still finds its vote. The id is parsed as
// outside data: only ids this codec would write come back as a button.
//   storyroom:vote:<workspace>:<channel>:<vote id>:<option, from 1>
// The platform is not written (each platform reads only its own ids); what workspace and channel ids may
// look like is the platform's (Discord: snowflakes; Slack: team and channel ids, a thread's with ":<ts>").
import { z } from 'zod';
import type { Platform, RoomRef } from '../../story/types.ts';

const PREFIX = 'storyroom:vote';
/** Options are counted from 1 in the id, without leading zeros. */
const OPTION = '([1-9]\\d?)';
const VOTE_ID = '([A-Za-z0-9_-]{1,40})';

export interface VoteButton {
  room: RoomRef;
  voteId: string;
  /** 0-based option index. */
  option: number;
}

export interface VoteButtonCodec {
  encode(button: VoteButton): string;
  /** Whether the id is meant as a vote button at all (it may still fail to parse). */
  isVoteButton(id: string): boolean;
  parse(id: string): VoteButton | undefined;
}

export function createVoteButtonCodec(format: {
  platform: Platform;
  /** A regular expression source (no groups) for a workspace id, and one for a channel id. */
  workspace: string;
  channel: string;
  /** The longest id the platform keeps. */
  maxLength: number;
  /** The most options a vote message of the platform has buttons for (at most 99). */
  maxOptions: number;
}): VoteButtonCodec {
  const pattern = new RegExp(`^${PREFIX}:(${format.workspace}):(${format.channel}):${VOTE_ID}:${OPTION}$`);
  const schema = z.string().max(format.maxLength).regex(pattern);

  const encode = (button: VoteButton): string => {
    const { workspaceId, channelId } = button.room;
    const id = `${PREFIX}:${workspaceId}:${channelId}:${button.voteId}:${button.option + 1}`;
    const fits = button.option >= 0 && button.option < format.maxOptions && schema.safeParse(id).success;
    if (button.room.platform !== format.platform || !fits) {
      throw new Error(`cannot encode vote button id "${id}" for ${format.platform}`);
    }
    return id;
  };

  const parse = (id: string): VoteButton | undefined => {
    const parsed = schema.safeParse(id);
    if (!parsed.success) return undefined;
    const [, workspaceId, channelId, voteId, option] = pattern.exec(parsed.data) ?? [];
    if (!workspaceId || !channelId || !voteId || !option || Number(option) > format.maxOptions)
      return undefined;
    return {
      room: { platform: format.platform, workspaceId, channelId },
      voteId,
      option: Number(option) - 1,
    };
  };

  return { encode, isVoteButton: (id) => id.startsWith(`${PREFIX}:`), parse };
}
