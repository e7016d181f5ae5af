// One line in, what the room shows out: handles "/as", parses the slash grammar, runs the command and
// renders its reply. No I/O, so tests (and the fuzz test) drive it directly.
import type { Command, CommandContext, FileBlock, Reply } from '../../commands/command.ts';
import { privateReply, text } from '../../commands/command.ts';
import { describeOptions } from '../../commands/describe-options.ts';
import { errorReply, runCommand } from '../../commands/run-command.ts';
import { parseCommandText, quoteHint } from '../../commands/text/index.ts';
import { msg } from '../../i18n/message.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { isUserError } from '../../story/errors.ts';
import type { NarrationOptions } from '../../story/narrator.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { Actor, RoomRef } from '../../story/types.ts';
import { withUsage } from '../shared/help-usage.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import { diskFile } from './disk-file.ts';
import { formatBytes } from './format-bytes.ts';
import { parseAsPrefix } from './parse-as-prefix.ts';
import { renderReply } from './render-reply.ts';

export interface ConsoleSessionOptions {
  engine: StoryEngine;
  commands: readonly Command[];
  logger: Logger;
  room: RoomRef;
  /** The person at the keyboard. */
  user: Actor;
  now: () => number;
  /** The person's language (from LANG, LC_ALL or --lang) for private replies; public ones follow the room. */
  locale?: string | undefined;
  /** Keeps a file a reply carries and says where; without it the reply only names the file. */
  saveFile?: ((file: FileBlock) => Promise<string>) | undefined;
}

export const CONSOLE_HELP = msg('console.help');

/** "/quit now": the room leaves only on /quit (or /exit) by itself, so a stray word never ends a session. */
const QUIT_WITH_WORDS = /^\/?(?:quit|exit)\s+\S/i;
const QUIT_ALONE = msg('console.quit-alone');

/** Blank lines and # comments do nothing. */
export const isIgnorable = (line: string) => line.trim() === '' || line.trim().startsWith('#');

/** A file option is typed as a path here: the command gets the file on disk it names. */
function withFiles(command: Command, options: Record<string, string>): Record<string, unknown> {
  const files = describeOptions(command).filter((spec) => spec.input === 'file');
  if (files.length === 0) return options;
  const out: Record<string, unknown> = { ...options };
  for (const spec of files) {
    const path = options[spec.name];
    if (path !== undefined && path !== '') out[spec.name] = diskFile(path);
  }
  return out;
}

export function createConsoleSession(options: ConsoleSessionOptions) {
  const { engine, commands, logger, room, user } = options;
  const roomId = roomIdOf(room);

  function actorFor(name: string, role: Actor['role']): Actor {
    return { id: `local:${name.toLowerCase()}`, name, role };
  }

  async function execute(line: string, actor: Actor, stream: NarrationOptions | undefined): Promise<Reply> {
    const parsed = parseCommandText(line, commands);
    if (!parsed.ok) return { visibility: 'private', blocks: [text(parsed.message)] };
    const ctx: CommandContext = { engine, room, actor, stream, commands };
    try {
      const reply = await runCommand(parsed.command, ctx, withFiles(parsed.command, parsed.options));
      return parsed.command.name === 'help' ? withUsage(reply, commands, CONSOLE_HELP) : reply;
    } catch (error) {
      if (isUserError(error)) {
        const hint = quoteHint(error.code, parsed.command, parsed.positional);
        // The refusal is a catalog message, shown in the reader's language; the hint follows it.
        if (hint) return privateReply(text(error.text), text(hint));
      }
      return errorReply(error, logger, { command: parsed.command.name, userId: actor.id, roomId });
    }
  }

  /** Files in a reply are written to disk and shown as where they went. */
  async function saveFiles(reply: Reply): Promise<Reply> {
    const { saveFile } = options;
    if (!saveFile || !reply.blocks.some((block) => block.type === 'file')) return reply;
    const blocks = [];
    for (const block of reply.blocks) {
      if (block.type !== 'file') {
        blocks.push(block);
        continue;
      }
      try {
        const path = await saveFile(block);
        blocks.push(
          text(msg('console.file.saved', { name: block.name, size: formatBytes(block.bytes.length), path })),
        );
      } catch (error) {
        logger.warn({ err: error, file: block.name }, 'could not save a file');
        const code = (error as NodeJS.ErrnoException).code;
        blocks.push(
          text(
            code
              ? msg('console.file.not-saved-code', { name: block.name, code })
              : msg('console.file.not-saved', { name: block.name }),
          ),
        );
      }
    }
    return { ...reply, blocks };
  }

  /** The reply in its reader's language, as the terminal shows it. */
  const show = (reply: Reply, viewer: string) =>
    renderReply(localizeReply(reply, options.locale), { viewer, now: options.now() });

  return {
    user,

    /** Runs one line and returns what the room shows, or undefined for a blank line or a # comment. */
    async run(line: string, stream?: NarrationOptions): Promise<string | undefined> {
      if (isIgnorable(line)) return undefined;
      if (QUIT_WITH_WORDS.test(line.trim())) return show(privateReply(text(QUIT_ALONE)), 'you');
      const as = parseAsPrefix(line);
      const viewer = as.kind === 'as' ? as.name : 'you';
      if (as.kind === 'error') {
        return show(privateReply(text(as.message)), viewer);
      }
      const actor = as.kind === 'as' ? actorFor(as.name, as.role) : user;
      try {
        const reply = await saveFiles(await execute(as.kind === 'as' ? as.rest : line, actor, stream));
        return show(reply, viewer);
      } catch (error) {
        // Only a bug gets here (execute turns command failures into replies); the room carries on.
        return show(errorReply(error, logger, { userId: actor.id, roomId }), viewer);
      }
    },
  };
}

export type ConsoleSession = ReturnType<typeof createConsoleSession>;
