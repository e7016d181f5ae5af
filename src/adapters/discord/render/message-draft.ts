// One Discord message as storyroom sends it, and the JSON body every send and edit uses: allowed_mentions
// always parses nothing, so no text can ping @everyone, @here, a role or a user.
import type { APIActionRowComponent, APIAllowedMentions, APIButtonComponent, APIEmbed } from 'discord.js';
import type { RoomRef } from '../../../story/types.ts';

export const CONTENT_MAX = 2000;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_TOTAL_MAX = 6000;

export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

export interface MessageDraft {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** The vote whose buttons this message carries, so its counts and state can be updated later. */
  vote?: { room: RoomRef; voteId: string; open: boolean } | undefined;
}

export interface MessageBody {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: APIAllowedMentions;
}

export function messageBody(draft: MessageDraft): MessageBody {
  return {
    content: draft.content,
    embeds: draft.embeds,
    components: draft.components,
    allowed_mentions: NO_MENTIONS,
  };
}

export const sameBody = (a: MessageBody, b: MessageBody): boolean => JSON.stringify(a) === JSON.stringify(b);
