// The local story room: reads commands from a terminal (with a prompt and live narrator text) or from a
// pipe (line by line, plain deterministic output, done at end of input), one command at a time.
import { userInfo } from 'node:os';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Command, FileBlock } from '../../commands/command.ts';
import { GENERIC_ERROR } from '../../commands/run-command.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { type Message, msg } from '../../i18n/message.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import type { NarrationOptions } from '../../story/narrator.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { Actor, RoomRef } from '../../story/types.ts';
import { createConsoleSession, isIgnorable } from './console-session.ts';
import { type LineSource, readPipedLines } from './piped-lines.ts';
import { renderChange } from './render-change.ts';
import { saveFile as saveFileIn } from './save-file.ts';
import { printable } from './wrap.ts';

export interface ConsoleRoomOptions {
  engine: StoryEngine;
  commands: readonly Command[];
  input: Readable;
  output: Writable;
  logger: Logger;
  /** A terminal: prompt, live narrator text, Ctrl-C. Otherwise commands are read line by line from a pipe. */
  interactive: boolean;
  /** The room's channel name (default "local"); rooms with different channels are separate stories. */
  channel?: string | undefined;
  /** Name of the person at the keyboard (a moderator); default the OS user name, or "you". */
  user?: string | undefined;
  /** Where files that replies carry (exports) are written; default ./exports. */
  exportsDir?: string | undefined;
  /** The person's language (--lang, or LC_ALL/LC_MESSAGES/LANG; see terminalLocale): their private replies. */
  locale?: string | undefined;
  /** Current time, for "closes in 30s"; default Date.now. */
  now?: (() => number) | undefined;
}

/** Longest part of a piped line echoed back before its reply. */
const ECHO_MAX = 200;
const DIM = '\u001b[2m';
const NORMAL = '\u001b[22m';

export function localUserName(): string {
  try {
    const name = userInfo().username.trim();
    if (/^[\p{L}\p{N}._-]{1,40}$/u.test(name)) return name;
  } catch {
    // No user entry (some containers): fall through.
  }
  return 'you';
}

/** Resolves once input has ended and every command read before that has run and been printed. */
export async function runConsoleRoom(options: ConsoleRoomOptions): Promise<void> {
  const { engine, commands, input, output, logger, interactive } = options;
  const now = options.now ?? Date.now;
  const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: options.channel ?? 'local' };
  const name = options.user ?? localUserName();
  const user: Actor = { id: `local:${name.toLowerCase()}`, name, role: 'moderator' };
  const exportsDir = options.exportsDir ?? 'exports';
  const saveFile = (file: FileBlock) => saveFileIn(exportsDir, file);
  const { locale } = options;
  const session = createConsoleSession({ engine, commands, logger, room, user, now, saveFile, locale });
  // What the terminal itself says (banner, hints) is for the person at the keyboard: their language.
  const say = (message: Message) => {
    const translator = sharedTranslator();
    return translator.translate(matchLocale(locale, translator.locales), message);
  };

  let outputBroken = false;
  const onOutputError = (error: unknown) => {
    if (!outputBroken) logger.warn({ err: error }, 'console output failed; nothing more will be printed');
    outputBroken = true;
  };
  output.on('error', onOutputError);
  const write = (text: string) => {
    if (outputBroken || output.destroyed || output.writableEnded) return;
    output.write(text);
  };

  let queue: Promise<void> = Promise.resolve();
  const onLine = (line: string) => {
    // One event-loop turn before each line: a pipe delivers many lines at once, and with a store that answers
    // without I/O (memory) they would otherwise all run as one long task, holding off timers (a vote's
    // deadline) and output (1,500 fuzzed lines blocked the loop for a second).
    queue = queue
      .then(() => nextTurn())
      .then(() => handle(line))
      .catch((error: unknown) => logger.error({ err: error }, 'console room failed to handle a line'));
  };
  const onInputError = (error: unknown) =>
    logger.warn({ err: error }, 'console input failed; closing the room');
  // A terminal gets readline (prompt, editing, Ctrl-C); a pipe is split at "\n" only (see piped-lines.ts).
  const rl = interactive
    ? createInterface({ input, output, terminal: true, prompt: `${room.channelId}> ` })
    : undefined;
  const lines: LineSource = rl
    ? terminalLines(rl, onLine, onInputError)
    : readPipedLines(input, onLine, onInputError);
  const { closed } = lines;
  let ended = false;
  rl?.on('close', () => {
    ended = true;
  });

  let busy = false;
  let current: AbortController | undefined;
  const held: string[] = [];

  /** Shows a change nobody typed (a vote closing); held back while a command's output is being written. */
  const show = (notice: string) => {
    if (busy) {
      held.push(notice);
      return;
    }
    if (rl && !ended) {
      write(`\r\u001b[2K${notice}\n\n`);
      rl.prompt(true);
    } else {
      write(`${notice}\n\n`);
    }
  };
  const unsubscribe = engine.subscribe((change) => {
    if (change.room.id !== roomIdOf(room)) return;
    for (const notice of renderChange(change, now())) show(notice);
  });

  if (rl) {
    write(`${say(msg('console.banner', { channel: room.channelId, name }))}\n\n`);
    rl.on('SIGINT', () => interrupt(rl));
    rl.prompt();
  }

  function interrupt(lines: Interface) {
    if (busy) {
      const controller = current;
      engine.cancelGeneration(room, user).catch(() => controller?.abort());
      return;
    }
    if (lines.line.length > 0) {
      // Like a shell: Ctrl-C drops the half-typed line.
      lines.write(null, { ctrl: true, name: 'e' });
      lines.write(null, { ctrl: true, name: 'u' });
      return;
    }
    write('\n');
    lines.close();
  }

  let stopped = false;
  async function handle(line: string) {
    if (stopped) return;
    if (/^\/(quit|exit)\s*$/i.test(line.trim())) {
      stopped = true;
      lines.close();
      return;
    }
    if (isIgnorable(line)) {
      if (rl && !ended) rl.prompt();
      return;
    }
    busy = true;
    const controller = new AbortController();
    current = controller;
    let streamed = false;
    const stream: NarrationOptions | undefined = interactive
      ? {
          signal: controller.signal,
          onText: (delta) => {
            streamed = true;
            write(`${DIM}${printable(delta)}${NORMAL}`);
          },
          // A retry or a fallback model starts the text over: say so rather than run two drafts together.
          onRestart: () => {
            if (streamed) write(`\n${DIM}${say(msg('console.narrator-restart'))}${NORMAL}\n`);
          },
        }
      : undefined;
    if (!interactive) {
      write(`> ${echoOf(line)}\n`);
    }
    let shown: string;
    try {
      shown = (await session.run(line, stream)) ?? '';
    } catch (error) {
      logger.error({ err: error }, 'console command failed unexpectedly');
      shown = say(GENERIC_ERROR);
    }
    if (streamed) write('\n\n');
    write(`${shown}\n\n`);
    busy = false;
    current = undefined;
    for (const notice of held.splice(0)) show(notice);
    if (rl && !ended) rl.prompt();
  }

  await closed;
  await queue;
  unsubscribe();
  // The error listener stays: a write that fails after we return must not crash the process.
  await flush(output, () => outputBroken);
}

function terminalLines(
  rl: Interface,
  onLine: (line: string) => void,
  onError: (error: unknown) => void,
): LineSource {
  const closed = new Promise<void>((resolve) => rl.once('close', resolve));
  rl.on('line', onLine);
  rl.on('error', (error) => {
    onError(error);
    rl.close();
  });
  return { closed, close: () => rl.close() };
}

/** The piped line as shown before its reply: one line, printable, cut at ECHO_MAX characters. */
export function echoOf(line: string): string {
  const chars = Array.from(line);
  const cut = chars.length > ECHO_MAX ? `${chars.slice(0, ECHO_MAX).join('')}…` : line;
  return printable(cut).replace(/\n/g, ' ');
}

function flush(output: Writable, broken: () => boolean): Promise<void> {
  if (broken() || output.destroyed || output.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    output.write('', () => resolve());
  });
}
