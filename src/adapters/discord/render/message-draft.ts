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
  /** Files attached to the message (an export, the story map). */
  files?: DraftFile[] | undefined;
}

export interface DraftFile {
  name: string;
  bytes: Uint8Array;
}

/** Discord's limit of attachments on one message. */
export const FILES_PER_MESSAGE = 10;

export interface MessageBody {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: APIAllowedMentions;
  /** Uploaded beside the JSON (multipart), never inside it; see jsonBody. */
  files?: DraftFile[] | undefined;
}

export function messageBody(draft: MessageDraft): MessageBody {
  return {
    content: draft.content,
    embeds: draft.embeds,
    components: draft.components,
    allowed_mentions: NO_MENTIONS,
    ...(draft.files && draft.files.length > 0 && { files: draft.files }),
  };
}

/** The body's JSON part: what Discord reads as the message, the files only named (as `attachments`). */
export function jsonBody(body: MessageBody) {
  const { files, ...json } = body;
  return files ? { ...json, attachments: files.map((file, id) => ({ id, filename: file.name })) } : json;
}

/** A body for a plain REST call (a channel message): the JSON part, and the files as multipart parts. */
export function restBody(body: MessageBody) {
  return {
    body: jsonBody(body),
    ...(body.files && {
      files: body.files.map((file) => ({ name: file.name, data: Buffer.from(file.bytes) })),
    }),
  };
}

/** Same message: same text, embeds and buttons, and the same files (names and bytes). */
export const sameBody = (a: MessageBody, b: MessageBody): boolean =>
  JSON.stringify(jsonBody({ ...a, files: undefined })) ===
    JSON.stringify(jsonBody({ ...b, files: undefined })) && sameFiles(a.files, b.files);

export function sameFiles(a: DraftFile[] | undefined, b: DraftFile[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return (
    left.length === right.length &&
    left.every((file, index) => {
      const other = right[index];
      return other !== undefined && other.name === file.name && Buffer.from(file.bytes).equals(other.bytes);
    })
  );
}
