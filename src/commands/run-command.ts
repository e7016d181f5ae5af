// Runs one command with raw options from an adapter: unknown, missing or invalid options become a catalog
// message for the sender, and any failure becomes a private reply (the adapter's one catch uses errorReply).
import { type Message, msg } from '../i18n/message.ts';
import type { Logger } from '../logger.ts';
import { isUserError, UserError } from '../story/errors.ts';
import { type Command, type CommandContext, privateReply, type Reply, text } from './command.ts';
import { type CommandSpelling, optionsNotTaken, PLAIN_SPELLING } from './command-spelling.ts';
import { describeOptions } from './describe-options.ts';
import { listed } from './format.ts';
import { optionProblem } from './option-problem.ts';

export function findCommand(commands: readonly Command[], name: string): Command | undefined {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return commands.find((command) => command.name === wanted);
}

export async function runCommand(
  command: Command,
  ctx: CommandContext,
  raw: Record<string, unknown>,
): Promise<Reply> {
  const spelling = ctx.spelling ?? PLAIN_SPELLING;
  const name = spelling.name(command.name);
  const known = Object.keys(command.options.shape);
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown[0] !== undefined) {
    const values = { command: name, option: unknown[0] };
    throw new UserError(
      'options.unknown',
      known.length > 0
        ? msg('commands.option.unknown', { ...values, options: listed(known) })
        : msg('commands.option.unknown-none', values),
    );
  }
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = command.options.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    if (typeof key === 'string' && present[key] === undefined) {
      throw new UserError(
        'options.missing',
        msg('commands.option.missing', { command: name, option: key, usage: usage(command, spelling) }),
      );
    }
    const option = describeOptions(command).find((spec) => spec.name === key);
    throw new UserError(
      'options.invalid',
      issue && option
        ? optionProblem(option, issue, present[option.name])
        : msg('commands.option.invalid-any', { usage: usage(command, spelling) }),
    );
  }
  const reply = await command.execute(ctx, parsed.data);
  if (reply.visibility === 'private' || reply.language !== undefined) return reply;
  return { ...reply, language: ctx.engine.roomLanguage(ctx.room) };
}

/**
 * How the command is typed, the same in every language: "/say <character> <text> [parenthetical]"; on a
 * platform with its own spelling, as typed there ("/sr-say …"), without the options it cannot carry.
 */
export function usage(command: Command, spelling: CommandSpelling = PLAIN_SPELLING): string {
  const skipped = new Set(optionsNotTaken(command, spelling).map((spec) => spec.name));
  const parts = Object.entries(command.options.shape)
    .filter(([key]) => !skipped.has(key))
    .map(([key, schema]) => ((schema as { isOptional(): boolean }).isOptional() ? `[${key}]` : `<${key}>`));
  return `/${[spelling.name(command.name), ...parts].join(' ')}`;
}

export const GENERIC_ERROR: Message = msg('common.generic-error');

/** The reply for a failed command: the message of an expected failure, a generic one for anything else. */
export function errorReply(error: unknown, logger: Logger, context: Record<string, unknown>): Reply {
  if (isUserError(error)) return privateReply(text(error.text));
  logger.error({ ...context, err: error }, 'command failed unexpectedly');
  return privateReply(text(GENERIC_ERROR));
}
