// Runs a command by name as someone, the way an adapter does: raw options in, the reply (or a UserError) out.
import type { CommandContext, Reply } from '../../src/commands/command.ts';
import { commands } from '../../src/commands/index.ts';
import { findCommand, runCommand } from '../../src/commands/run-command.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { room as defaultRoom } from '../helpers/story-fixture.ts';

export function runAs(
  engine: CommandContext['engine'],
  actor: Actor,
  name: string,
  raw: Record<string, unknown> = {},
  room: RoomRef = defaultRoom,
): Promise<Reply> {
  const command = findCommand(commands, name);
  if (!command) throw new Error(`no command ${name}`);
  return runCommand(command, { engine, room, actor, commands }, raw);
}

/** The reply's text blocks, joined: what the person reads. */
export const textOf = (reply: Reply) =>
  reply.blocks.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
