// A slash command, after its ack: "/scene continue the detective lies" read with the same text grammar as
// the terminal, run through the shared command runner, streamed into a channel message while the narrator
// writes, then shown as its reply (public in the channel, private as an ephemeral message). Once the command
// has run its change is stored, so a reply Slack refuses is reported as saved, never as failed.
import type { Command, CommandSpelling, Reply } from '../../commands/command.ts';
import { privateReply, text } from '../../commands/command.ts';
import { optionsNotTaken, usableWith } from '../../commands/command-spelling.ts';
import { errorReply, usage } from '../../commands/run-command.ts';
import { parseCommandText, quoteHint } from '../../commands/text/index.ts';
import { msg } from '../../i18n/message.ts';
import { isUserError, UserError } from '../../story/errors.ts';
import { withUsage } from '../shared/help-usage.ts';
import { localizeReply } from '../shared/localize-reply.ts';
import { repliesPrivately } from '../shared/replies-privately.ts';
import { beforeCommand, runStreamed } from '../shared/run-streamed.ts';
import { savedNotice } from '../shared/saved-notice.ts';
import { renderFailure, renderPreview } from './render/index.ts';
import { renderShown, type ShowContext } from './show-context.ts';
import { showReply } from './show-reply.ts';
import { roomOfPlace } from './slack-context.ts';
import type { SlackDeps } from './slack-deps.ts';
import { createSlackOutput, type SlackOutput } from './slack-output.ts';
import { whoActed } from './who-acted.ts';

/**
 * A command typed in Slack: a slash command (Slack sends no thread: slash commands cannot be used in
 * threads), a mention of the bot in a thread, or a message shortcut.
 */
export interface SlashCall {
  teamId: string;
  channel: string;
  threadTs?: string | undefined;
  userId: string;
  /** The name Slack sends with a slash command; a mention has none, so the profile's is used. */
  userName?: string | undefined;
  /** What was typed, as storyroom's grammar reads it: "scene continue the detective lies". */
  line: string;
  /** The slash command as typed ("/sr-scene"), for messages about it. */
  typed: string;
  responseUrl?: string | undefined;
}

/** The storyroom command group a slash command names: "/sr-scene" with prefix "sr-" is "scene". */
export function slashName(command: string, prefix: string): string | undefined {
  const name = command.trim().replace(/^\//, '').toLowerCase();
  if (!name.startsWith(prefix)) return undefined;
  return name.slice(prefix.length) || undefined;
}

export async function handleSlashCommand(call: SlashCall, deps: SlackDeps): Promise<void> {
  const { client, actor, personLocale } = await whoActed(deps, {
    teamId: call.teamId,
    userId: call.userId,
    name: call.userName,
  });
  const room = roomOfPlace({ teamId: call.teamId, channel: call.channel, threadTs: call.threadTs });
  const output = createSlackOutput(
    {
      client,
      teamId: call.teamId,
      channel: call.channel,
      threadTs: call.threadTs,
      userId: call.userId,
      responseUrl: call.responseUrl,
    },
    deps,
  );
  const context: ShowContext = { client, room, actor, output, deps, personLocale, place: call };
  const where = { command: call.typed, teamId: call.teamId, channel: call.channel, userId: call.userId };
  let previewLocale: string | undefined;
  try {
    await runSlash(call, context, (locale) => {
      previewLocale = locale;
    });
  } catch (error) {
    try {
      const reply = localizeReply(errorReply(error, deps.logger, where), personLocale);
      const line = previewLocale === undefined ? undefined : renderFailure(previewLocale);
      await output.showFailure(renderShown(reply).messages, line);
    } catch (deliveryError) {
      deps.logger.error(
        { ...where, err: deliveryError },
        'could not tell the user that their command failed',
      );
    }
  }
}

async function runSlash(call: SlashCall, context: ShowContext, previewing: (locale: string) => void) {
  const { deps, room, actor, output } = context;
  const { spelling } = deps;
  const name = call.line.trim().split(/\s/, 1)[0]?.replace(/^\//, '').toLowerCase() ?? '';
  const group = deps.commands.filter((c) => c.name.split(' ')[0] === name);
  if (group.length === 0) {
    const help = `/${spelling.name('help')}`;
    throw new UserError('command.unknown', msg('slack.command.unknown', { name: call.typed, help }));
  }
  const parsed = parseCommandText(call.line, deps.commands, spelling);
  if (!parsed.ok) {
    // As typed in this workspace: "/sr-scene start <title>" with SLACK_COMMAND_PREFIX=sr-.
    const usages = group
      .filter((command) => usableWith(command, spelling))
      .map((command) => usage(command, spelling))
      .join('\n');
    throw new UserError(
      'command.parse',
      msg('slack.command.parse-failed', { problem: parsed.message, usages }),
    );
  }
  const command = parsed.command;
  refuseFiles(command, parsed.options, spelling);
  deps.logger.info(
    {
      command: command.name,
      userId: actor.id,
      role: actor.role,
      teamId: room.workspaceId,
      channelId: room.channelId,
    },
    'slack command',
  );
  const privately = repliesPrivately(command, parsed.options);
  const { voicing, previewLocale } = await beforeCommand(deps.engine, room, {
    privately,
    personLocale: context.personLocale,
  });
  let reply = await run(
    command,
    parsed,
    context,
    command.slow && !privately
      ? {
          intervalMs: deps.config.streamEditMs,
          logger: deps.logger,
          show: async (shown, signal) => {
            previewing(previewLocale);
            await output.showPublic(renderPreview(shown, previewLocale), { final: false, signal });
          },
        }
      : undefined,
  );
  if (command.name === 'help') reply = withUsage(reply, deps.commands, msg('slack.help.typing'), spelling);
  try {
    await showReply(localizeReply(reply, context.personLocale), context, voicing);
  } catch (error) {
    // The change is stored: "try again" would repeat it, and deleting what is shown would hide it.
    await tellSaved(error, command.name, reply, context);
  }
}

/**
 * A slash command carries only text: a command that needs a file cannot run here, and a file option given
 * (its "name" typed as text) is refused with what can be typed instead, before anything runs.
 */
function refuseFiles(command: Command, options: Record<string, string>, spelling: CommandSpelling) {
  const named = `/${spelling.name(command.name)}`;
  if (!usableWith(command, spelling)) {
    throw new UserError('command.needs-file', msg('slack.command.needs-file', { command: named }));
  }
  const given = optionsNotTaken(command, spelling).find((spec) => Object.hasOwn(options, spec.name));
  if (given) {
    throw new UserError(
      'command.file-option',
      msg('slack.command.file-option', { option: given.name, usage: usage(command, spelling) }),
    );
  }
}

async function run(
  command: Command,
  parsed: Extract<ReturnType<typeof parseCommandText>, { ok: true }>,
  context: ShowContext,
  preview: Parameters<typeof runStreamed>[3],
): Promise<Reply> {
  const { deps, room, actor } = context;
  try {
    const reply = await runStreamed(
      command,
      parsed.options,
      {
        engine: deps.engine,
        room,
        actor,
        commands: deps.commands,
        spelling: deps.spelling,
        signal: deps.signal,
      },
      preview,
    );
    if (reply.visibility === 'private' || !repliesPrivately(command, parsed.options)) return reply;
    // As on Discord: what a command said would be private is never posted to the channel.
    deps.logger.warn(
      { command: command.name, teamId: room.workspaceId, channelId: room.channelId },
      'a command said it replies privately but replied publicly; the reply stays private',
    );
    return { ...reply, visibility: 'private' };
  } catch (error) {
    // A refusal caused by how the words were read ("Vera" as the whole line) says so, as in the terminal.
    const hint = isUserError(error)
      ? quoteHint(error.code, command, parsed.positional, deps.spelling)
      : undefined;
    if (isUserError(error) && hint) return privateReply(text(error.text), text(hint));
    throw error;
  }
}

/** After a reply failed to show in full: what was shown stays, and the person learns the command worked. */
async function tellSaved(error: unknown, name: string, reply: Reply, context: ShowContext) {
  const { deps, output, room } = context;
  const where = { command: name, teamId: room.workspaceId, channelId: room.channelId };
  deps.logger.error({ ...where, err: error }, 'a command succeeded but Slack refused part of its reply');
  try {
    const note = localizeReply(privateReply(text(savedNotice(name, reply, 'Slack'))), context.personLocale);
    await output.showPrivate(renderShown(note).messages);
  } catch (noteError) {
    deps.logger.error({ ...where, err: noteError }, 'could not tell the user that their command was saved');
  }
}

export type { SlackOutput };
