// The shape every command file exports. Commands are platform-neutral: they read options, call the engine
// and describe the reply; adapters turn the reply into Discord, Slack or terminal output.
import type { z } from 'zod';
import type { Message } from '../i18n/message.ts';
import type { StoryEngine } from '../story/engine.ts';
import type { NarrationOptions } from '../story/narrator.ts';
import type { Actor, Beat, RoomRef, Scene, Vote } from '../story/types.ts';
import { safeFileName } from './safe-file-name.ts';

/**
 * How commands are written where people type them, which differs by platform: Slack puts the operator's
 * SLACK_COMMAND_PREFIX before every name ("/sr-scene start") and its slash commands carry no files. /help,
 * usage lines and option messages use the platform's spelling (helpers in command-spelling.ts).
 */
export interface CommandSpelling {
  /** A command's name as typed after the slash: "scene start", or "sr-scene start" on Slack with "sr-". */
  name(name: string): string;
  /** Option inputs the platform cannot carry (Slack's slash commands: files): left out of usage lines. */
  cannotTake?: readonly ('string' | 'integer' | 'boolean' | 'file')[] | undefined;
}

export interface CommandContext {
  engine: StoryEngine;
  room: RoomRef;
  actor: Actor;
  /** Narrator text as it is written, and a signal to stop it; adapters decide how often to show it. */
  stream?: NarrationOptions | undefined;
  /** Every registered command, for /help. */
  commands: readonly Command[];
  /** How the platform writes commands (a prefix, options it cannot carry); as defined when left out. */
  spelling?: CommandSpelling | undefined;
}

/**
 * What a reply says: a catalog message (storyroom's own words, shown in the reader's language) or a string
 * (people's or the model's text, shown as it is).
 */
export type Text = string | Message;

/**
 * A piece of a reply. Text from people and the model is raw here; adapters translate messages for their
 * reader (`ShownReply`) and escape everything for their platform.
 */
export type Block<T extends Text = Text> =
  | { type: 'text'; text: T }
  | { type: 'beats'; beats: Beat[]; scenes?: Record<string, Scene> | undefined }
  | { type: 'vote'; vote: Vote; room: RoomRef }
  | { type: 'fields'; title?: T | undefined; fields: { name: T; value: T }[] }
  | FileBlock;

/** A file the reply carries (an export, a picture): an attachment on Discord, a file under ./exports/ locally. */
export interface FileBlock {
  type: 'file';
  /** A safe file name (see `file()`), with its extension. */
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface Reply<T extends Text = Text> {
  /** Public replies go to the channel; private ones only to the person who ran the command. */
  visibility: 'public' | 'private';
  blocks: Block<T>[];
  /** The room's language (BCP 47), which a public reply is shown in; set by runCommand. */
  language?: string | undefined;
}

/** A reply whose messages were translated for its reader: what renderers take. */
export type ShownReply = Reply<string>;
export type ShownBlock = Block<string>;

export interface Command<Options extends z.ZodObject = z.ZodObject> {
  /** The words after the slash, e.g. "scene start" or "line". The first word groups subcommands. */
  name: string;
  description: string;
  /** Translations of the description, by locale (Discord's and Slack's locale names, e.g. "zh-CN"). */
  descriptionLocalizations?: Record<string, string>;
  /** Option order is the order of positional words in the text grammar. */
  options: Options;
  /**
   * Who may use it: "writer" adds to the story, so it follows the room's who_may_continue; "moderator" is
   * hidden from others where the platform can. The engine enforces both anyway; this only decides what is shown.
   */
  access: 'everyone' | 'writer' | 'moderator';
  /** True when it may call the narrator and take longer than the platforms' 3-second window. */
  slow?: boolean;
  /**
   * Whether a successful reply is public (the default) or private, for platforms that must choose before the
   * reply exists (Discord's deferred "thinking…" message). "private-without-options": private when run with
   * no options (it only shows something), public otherwise (it changes something). A function decides from
   * the raw options (e.g. /review personal).
   */
  replies?: 'public' | 'private' | 'private-without-options' | ((raw: Record<string, unknown>) => boolean);
  execute(ctx: CommandContext, options: z.output<Options>): Promise<Reply>;
}

export const publicReply = (...blocks: Block[]): Reply => ({ visibility: 'public', blocks });
export const privateReply = (...blocks: Block[]): Reply => ({ visibility: 'private', blocks });
export const text = (value: Text): Block => ({ type: 'text', text: value });
/** A file block; the name (often built from a story's title) is made safe for every platform and disk. */
export const file = (name: string, mime: string, bytes: Uint8Array): FileBlock => ({
  type: 'file',
  name: safeFileName(name),
  mime,
  bytes,
});

/** Types `execute`'s options from the zod schema; the object itself is returned unchanged. */
export function defineCommand<Options extends z.ZodObject>(command: Command<Options>): Command<Options> {
  return command;
}
