// Runs one command with raw options from an adapter: unknown or invalid options become a clear message,
// and any failure becomes a private reply (the adapter's one catch uses errorReply).
import type { Logger } from '../logger.ts';
import { isUserError, UserError } from '../story/errors.ts';
import { type Command, type CommandContext, privateReply, type Reply, text } from './command.ts';

export function findCommand(commands: readonly Command[], name: string): Command | undefined {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return commands.find((command) => command.name === wanted);
}

export async function runCommand(
  command: Command,
  ctx: CommandContext,
  raw: Record<string, unknown>,
): Promise<Reply> {
  const known = Object.keys(command.options.shape);
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    const list = known.length > 0 ? `It takes: ${known.join(', ')}.` : 'It takes no options.';
    throw new UserError('options.unknown', `/${command.name} has no option "${unknown[0]}". ${list}`);
  }
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = command.options.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    if (typeof key === 'string' && present[key] === undefined) {
      throw new UserError('options.missing', `/${command.name} needs ${key}. ${usage(command)}`);
    }
    throw new UserError(
      'options.invalid',
      `${typeof key === 'string' ? `${key}: ` : ''}${issue?.message ?? 'invalid options'}`,
    );
  }
  const reply = await command.execute(ctx, parsed.data);
  if (reply.visibility === 'private' || reply.language !== undefined) return reply;
  return { ...reply, language: ctx.engine.roomLanguage(ctx.room) };
}

export function usage(command: Command): string {
  const parts = Object.entries(command.options.shape).map(([key, schema]) =>
    (schema as { isOptional(): boolean }).isOptional() ? `[${key}]` : `<${key}>`,
  );
  return `Usage: /${[command.name, ...parts].join(' ')}`;
}

export const GENERIC_ERROR = 'Something went wrong on our side. Please try again in a moment.';

/** The reply for a failed command: the message of an expected failure, a generic one for anything else. */
export function errorReply(error: unknown, logger: Logger, context: Record<string, unknown>): Reply {
  if (isUserError(error)) return privateReply(text(error.text));
  logger.error({ ...context, err: error }, 'command failed unexpectedly');
  return privateReply(text(GENERIC_ERROR));
}
