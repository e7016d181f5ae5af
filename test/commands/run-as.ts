// Runs a command by name as someone, the way an adapter does: raw options in, the reply (or a UserError) out.
// Tests read what an English reader is shown: refusals and texts are translated (localizeReply's catalog).
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import type { CommandContext, Reply, Text } from '../../src/commands/command.ts';
import { commands } from '../../src/commands/index.ts';
import { findCommand, runCommand } from '../../src/commands/run-command.ts';
import { sharedTranslator } from '../../src/i18n/catalog.ts';
import { isUserError, UserError } from '../../src/story/errors.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { room as defaultRoom } from '../helpers/story-fixture.ts';

/** A text as a reader of that language sees it. */
export const shownText = (value: Text, locale = 'en') =>
  typeof value === 'string' ? value : sharedTranslator().translate(locale, value);

/** A refusal whose text is what the person reads in that language, so `rejects.toThrow('…')` reads it. */
export function readable(error: unknown, locale = 'en'): unknown {
  return isUserError(error) ? new UserError(error.code, shownText(error.text, locale)) : error;
}

export async function runAs(
  engine: CommandContext['engine'],
  actor: Actor,
  name: string,
  raw: Record<string, unknown> = {},
  room: RoomRef = defaultRoom,
): Promise<Reply> {
  const command = findCommand(commands, name);
  if (!command) throw new Error(`no command ${name}`);
  try {
    return await runCommand(command, { engine, room, actor, commands }, raw);
  } catch (error) {
    throw readable(error);
  }
}

/** The reply as an English reader is shown it. */
export const shown = (reply: Reply) => localizeReply(reply, 'en');

/** The reply's text blocks, joined: what the person reads, in English. */
export const textOf = (reply: Reply) =>
  shown(reply)
    .blocks.map((block) => (block.type === 'text' ? block.text : ''))
    .join('\n');
