// The Slack app manifest (docs.slack.dev/reference/app-manifest) built from the command definitions: one
// slash command per top-level name ("/scene" serves /scene start, /scene continue, …), each with a
// description and a usage hint written the way /help and the text grammar show options, Socket Mode or
// HTTP request URLs, and the smallest set of bot scopes storyroom works with. `npm run register -- slack`
// writes it; an admin pastes it at api.slack.com/apps → Create New App → From a manifest.
import type { Command, CommandSpelling } from '../../commands/command.ts';
import { usableWith } from '../../commands/command-spelling.ts';
import { usage } from '../../commands/run-command.ts';
import { BOT_SCOPES } from './scopes.ts';
import { slackSpelling } from './slack-spelling.ts';

/** The manifest's limits (the schema in @slack/web-api's manifest types). */
export const MANIFEST_LIMITS = {
  appName: 35,
  appDescription: 140,
  /** With its leading "/". */
  command: 32,
  commandDescription: 2000,
  usageHint: 1000,
  slashCommands: 50,
  shortcutDescription: 150,
} as const;

/**
 * Bot scopes, each for a reason (README "Slack"): slash commands and the message shortcut; posting and
 * editing its messages; posting in public channels it was not invited to (a story can start in any public
 * channel without inviting the bot first; private channels still need an invitation); character voices (a
 * username and icon per message); uploading exports; a private export goes to the person's direct message
 * with the bot (conversations.open); telling workspace owners and admins (users.info); the moderator and
 * writer user groups (usergroups.users.list); mentions in threads, where Slack runs no app's slash commands;
 * reactions on beats (reaction_added / reaction_removed).
 */
export { BOT_SCOPES };

/**
 * Events the runtime listens to: a mention is how a thread's room takes commands ("@storyroom scene
 * continue"), since Slack does not run app slash commands in threads; reactions for story craft.
 */
export const BOT_EVENTS = ['app_mention', 'reaction_added', 'reaction_removed'] as const;

/** The message shortcut ("Continue the story" on any message) that runs /scene continue in its room. */
export const CONTINUE_SHORTCUT = {
  type: 'message',
  name: 'Continue the story',
  callback_id: 'storyroom_continue',
  description: 'Ask the narrator for the next beat in this message’s room (its thread, when it is in one)',
} as const;

/**
 * Slack's built-in slash commands (Slack Help Center, "Use built-in slash commands"): an app cannot take these
 * names. A command of ours that would be one of them needs SLACK_COMMAND_PREFIX.
 */
export const BUILT_IN_COMMANDS: readonly string[] = [
  'active',
  'apps',
  'archive',
  'away',
  'call',
  'collapse',
  'dm',
  'dnd',
  'expand',
  'feed',
  'feedback',
  'giphy',
  'invite',
  'join',
  'kick',
  'leave',
  'me',
  'msg',
  'mute',
  'open',
  'part',
  'prefs',
  'remind',
  'remove',
  'rename',
  'search',
  'shortcuts',
  'shrug',
  'star',
  'status',
  'topic',
  'who',
];

/** Where Bolt's HTTP receiver takes commands, buttons and events, and where OAuth returns (HTTP mode). */
export const EVENTS_PATH = '/slack/events';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

export type ManifestMode = { socket: true } | { socket: false; publicUrl: string };

export interface SlashCommand {
  command: string;
  description: string;
  /** Left out for a command without options. */
  usage_hint?: string;
  should_escape: false;
  url?: string;
}

export interface SlackManifest {
  _metadata: { major_version: 1; minor_version: 1 };
  display_information: { name: string; description: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    shortcuts: (typeof CONTINUE_SHORTCUT)[];
    slash_commands: SlashCommand[];
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: true; request_url?: string };
    org_deploy_enabled: false;
    socket_mode_enabled: boolean;
    token_rotation_enabled: false;
  };
}

export interface ManifestOptions {
  commands: readonly Command[];
  /** SLACK_COMMAND_PREFIX: "sr-" gives /sr-scene. */
  prefix?: string | undefined;
  mode: ManifestMode;
  /** The app's name and short description, as the operator's workspace will see them. */
  name?: string;
  description?: string;
}

/** The top-level names in the order the commands are listed, each with the commands it serves. */
export function commandGroups(commands: readonly Command[]): Map<string, Command[]> {
  const groups = new Map<string, Command[]>();
  for (const command of commands) {
    const [top = command.name] = command.name.split(' ');
    groups.set(top, [...(groups.get(top) ?? []), command]);
  }
  return groups;
}

export function buildSlackManifest(options: ManifestOptions): SlackManifest {
  const prefix = options.prefix ?? '';
  const spelling = slackSpelling(prefix);
  const base = options.mode.socket ? undefined : requestBase(options.mode.publicUrl);
  const url = base && `${base}${EVENTS_PATH}`;
  const slashCommands = [...commandGroups(options.commands)].map(([top, group]): SlashCommand => {
    const name = `${prefix}${top}`;
    if (!prefix && BUILT_IN_COMMANDS.includes(name)) {
      throw new Error(`/${name} is one of Slack's own commands: set SLACK_COMMAND_PREFIX (for example sr-)`);
    }
    const command = `/${name}`;
    if (command.length > MANIFEST_LIMITS.command || !/^\/[a-z0-9_-]+$/.test(command)) {
      throw new Error(`"${command}" is not a slash command Slack accepts (lowercase, at most 32 characters)`);
    }
    // What a slash command can carry: a command that needs a file (/scene import) is not advertised, nor a
    // file option (/style set's); they work on Discord and in the terminal.
    const usable = group.filter((each) => usableWith(each, spelling));
    const shown = usable.length > 0 ? usable : group;
    const hint = clip(usageHint(command, usable, spelling), MANIFEST_LIMITS.usageHint);
    return {
      command,
      description: clip(describeGroup(top, shown), MANIFEST_LIMITS.commandDescription),
      ...(hint && { usage_hint: hint }),
      should_escape: false,
      ...(url && { url }),
    };
  });
  if (slashCommands.length > MANIFEST_LIMITS.slashCommands) {
    throw new Error(`Slack takes at most ${MANIFEST_LIMITS.slashCommands} slash commands an app`);
  }
  const name = clip(options.name ?? 'storyroom', MANIFEST_LIMITS.appName);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: clip(
        options.description ?? 'Collaborative story rooms, narrated.',
        MANIFEST_LIMITS.appDescription,
      ),
      background_color: '#2c2d30',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      shortcuts: [CONTINUE_SHORTCUT],
      slash_commands: slashCommands,
    },
    oauth_config: {
      ...(base && { redirect_urls: [`${base}${OAUTH_REDIRECT_PATH}`] }),
      scopes: { bot: [...BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: { ...(url && { request_url: url }), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url && { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.mode.socket,
      token_rotation_enabled: false,
    },
  };
}

/** One command's own description; a group's, each subcommand with what it does. */
function describeGroup(top: string, group: readonly Command[]): string {
  const [only] = group;
  if (group.length === 1 && only?.name === top) return only.description;
  return group.map((command) => `${subcommand(top, command)}: ${command.description}`).join('; ');
}

/**
 * Options as /help and the text grammar write them in Slack ("<title> [genre]"), a group's subcommands apart
 * by " | "; `slash` is the group's slash command as typed ("/sr-scene").
 */
function usageHint(slash: string, group: readonly Command[], spelling: CommandSpelling): string {
  return group.map((command) => usage(command, spelling).slice(slash.length).trim()).join(' | ');
}

const subcommand = (top: string, command: Command) => command.name.slice(top.length).trim();

/** A public https base URL without its trailing slash; Slack only posts to https. */
function requestBase(publicUrl: string): string {
  const parsed = new URL(publicUrl);
  if (parsed.protocol !== 'https:')
    throw new Error(`the public URL must be https (Slack posts only there): ${publicUrl}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
