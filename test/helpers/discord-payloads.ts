// Interaction payloads as Discord sends them over the gateway (INTERACTION_CREATE), for a guild text channel
// or a thread in it: slash commands with subcommands and options, and button clicks, from a member or a
// moderator. And the guild as GUILD_CREATE brings it, for tests that need the client's channel cache.
import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageButtonInteractionData,
  type APIMessageComponentGuildInteraction,
  type APIPublicThreadChannel,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChannelFlags,
  ChannelType,
  type Client,
  ComponentType,
  GatewayDispatchEvents,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  PermissionFlagsBits,
  SnowflakeUtil,
} from 'discord.js';

export const APP_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000002';
export const CHANNEL_ID = '1300000000000000003';

export interface Person {
  id: string;
  name: string;
  permissions: bigint;
  roles?: string[];
}

const EVERYONE =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

export const member = (id: string, name: string, roles: string[] = []): Person => ({
  id,
  name,
  permissions: EVERYONE,
  roles,
});
export const moderator = (id: string, name: string): Person => ({
  id,
  name,
  permissions: EVERYONE | PermissionFlagsBits.ManageMessages,
});

export const ALICE = member('1400000000000000001', 'alice');
export const BOB = member('1400000000000000002', 'bob');
export const MOD = moderator('1400000000000000009', 'mod');

function guildMember(person: Person): APIInteractionGuildMember {
  return {
    user: {
      id: person.id,
      username: person.name,
      global_name: person.name,
      discriminator: '0',
      avatar: null,
    },
    roles: person.roles ?? [],
    permissions: String(person.permissions),
    joined_at: '2024-01-01T00:00:00.000Z',
    nick: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}

function common(person: Person, createdAt: number) {
  const id = SnowflakeUtil.generate({ timestamp: createdAt }).toString();
  return {
    id,
    application_id: APP_ID,
    token: `token-${id}`,
    version: 1 as const,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: Locale.EnglishUS, features: [] },
    channel: { id: CHANNEL_ID, type: ChannelType.GuildText as const, name: 'story', guild_id: GUILD_ID },
    channel_id: CHANNEL_ID,
    member: guildMember(person),
    app_permissions: String(EVERYONE | PermissionFlagsBits.EmbedLinks),
    locale: Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** "/scene start title:..." as Discord sends it: the group word is the command, the rest a subcommand. */
export function slashCommand(
  name: string,
  options: Record<string, string | number | boolean>,
  person: Person,
  createdAt = Date.now(),
): APIChatInputApplicationCommandGuildInteraction {
  const [top = '', sub] = name.split(' ');
  const values: APIApplicationCommandInteractionDataBasicOption[] = Object.entries(options).map(
    ([key, value]) => {
      if (typeof value === 'number') return { name: key, type: ApplicationCommandOptionType.Integer, value };
      if (typeof value === 'boolean') return { name: key, type: ApplicationCommandOptionType.Boolean, value };
      return { name: key, type: ApplicationCommandOptionType.String, value };
    },
  );
  return {
    ...common(person, createdAt),
    type: InteractionType.ApplicationCommand,
    data: {
      id: '1500000000000000001',
      name: top,
      type: ApplicationCommandType.ChatInput,
      options: sub ? [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options: values }] : values,
    },
  };
}

/** A click on a button of a message the bot posted earlier. */
export function buttonClick(
  customId: string,
  messageId: string,
  person: Person,
  createdAt = Date.now(),
): APIMessageComponentGuildInteraction {
  const data: APIMessageButtonInteractionData = { custom_id: customId, component_type: ComponentType.Button };
  const message: APIMessage = {
    id: messageId,
    channel_id: CHANNEL_ID,
    type: 0,
    content: '',
    embeds: [],
    components: [],
    author: {
      id: APP_ID,
      username: 'storyroom',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date(createdAt).toISOString(),
    edited_timestamp: null,
  };
  return { ...common(person, createdAt), type: InteractionType.MessageComponent, data, message };
}

/** The payload as a person whose Discord is set to that language sends it (e.g. Locale.ChineseCN). */
export const inLocale = <T extends { locale: Locale }>(payload: T, locale: Locale): T => ({
  ...payload,
  locale,
});

/** Hands a payload to discord.js exactly as its gateway handler for INTERACTION_CREATE does. */
export function deliver(client: Client, payload: object): void {
  const internals = client as unknown as { actions: { InteractionCreate: { handle(data: object): void } } };
  internals.actions.InteractionCreate.handle(payload);
}

/** A public thread as Discord describes it, in an interaction's `channel`, in GUILD_CREATE, or from REST. */
export function publicThread(
  id: string,
  parentId: string,
  name: string,
  owner: Person,
): APIPublicThreadChannel {
  const created = new Date(SnowflakeUtil.timestampFrom(id)).toISOString();
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: GUILD_ID,
    parent_id: parentId,
    owner_id: owner.id,
    name,
    flags: 0 as ChannelFlags,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: created,
      locked: false,
      create_timestamp: created,
    },
  };
}

/**
 * The same interaction sent from a thread: Discord names it in `channel` (with the invoking member's
 * computed permissions there) and in `channel_id`.
 */
export function inThread<Payload extends { member: APIInteractionGuildMember }>(
  payload: Payload,
  thread: APIPublicThreadChannel,
) {
  return {
    ...payload,
    channel: { ...thread, permissions: payload.member.permissions },
    channel_id: thread.id,
  };
}

/** Hands discord.js the guild, its text channel and active threads, as the gateway's GUILD_CREATE does. */
export function deliverGuild(client: Client, threads: APIPublicThreadChannel[]): void {
  const d = {
    id: GUILD_ID,
    name: 'Storytellers',
    owner_id: MOD.id,
    unavailable: false,
    member_count: 3,
    preferred_locale: Locale.EnglishUS,
    roles: [],
    emojis: [],
    stickers: [],
    features: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    channels: [{ id: CHANNEL_ID, type: ChannelType.GuildText, name: 'story', position: 0 }],
    threads,
  };
  const internals = client as unknown as {
    ws: { handlePacket(packet: { t: string; d: object }, shard: { id: number }): void };
  };
  internals.ws.handlePacket({ t: GatewayDispatchEvents.GuildCreate, d }, { id: 0 });
}

/** Hands discord.js a gateway dispatch (t, d) as its WebSocket manager does once connected. */
export function deliverDispatch(client: Client, t: string, d: object): void {
  const internals = client as unknown as {
    ws: { handlePacket(packet: { t: string; d: object }, shard: { id: number; checkReady(): void }): void };
    actions: Record<string, { handle(data: object): void }>;
  };
  // A client that never logged in queues dispatches until it is ready: reactions go to their handler as the
  // gateway's MESSAGE_REACTION_ADD/REMOVE handlers hand them (as deliver() does for interactions).
  const action = {
    MESSAGE_REACTION_ADD: 'MessageReactionAdd',
    MESSAGE_REACTION_REMOVE: 'MessageReactionRemove',
    MESSAGE_REACTION_REMOVE_ALL: 'MessageReactionRemoveAll',
    MESSAGE_REACTION_REMOVE_EMOJI: 'MessageReactionRemoveEmoji',
  }[t];
  const handler = action ? internals.actions[action] : undefined;
  if (handler) handler.handle(d);
  else internals.ws.handlePacket({ t, d }, { id: 0, checkReady: () => {} });
}

/** READY as the gateway sends it: the bot's own user, so discord.js knows who "me" is (reactions need it). */
export function deliverReady(client: Client): void {
  deliverDispatch(client, GatewayDispatchEvents.Ready, {
    v: 10,
    user: {
      id: APP_ID,
      username: 'storyroom',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    guilds: [],
    session_id: 'session',
    resume_gateway_url: 'wss://gateway.discord.gg',
    application: { id: APP_ID, flags: 0 },
  });
}

/** An emoji as reactions carry it: Unicode by itself, a custom one with its id (animated or not). */
export type ReactionEmoji = string | { id: string; name: string; animated?: boolean };

const emojiOf = (emoji: ReactionEmoji) => (typeof emoji === 'string' ? { id: null, name: emoji } : emoji);

/** MESSAGE_REACTION_ADD as Discord sends it for a guild message (with the member, unlike a removal). */
export function reactionAdded(
  person: Person,
  messageId: string,
  emoji: ReactionEmoji,
  options: { bot?: boolean; channelId?: string } = {},
) {
  const member = guildMember(person);
  return {
    user_id: person.id,
    channel_id: options.channelId ?? CHANNEL_ID,
    message_id: messageId,
    guild_id: GUILD_ID,
    member: { ...member, user: { ...member.user, ...(options.bot && { bot: true }) } },
    emoji: emojiOf(emoji),
    message_author_id: APP_ID,
    burst: false,
    burst_colors: [],
    type: 0,
  };
}

/** MESSAGE_REACTION_REMOVE: only ids, no member. */
export function reactionRemoved(person: Person, messageId: string, emoji: ReactionEmoji) {
  return {
    user_id: person.id,
    channel_id: CHANNEL_ID,
    message_id: messageId,
    guild_id: GUILD_ID,
    emoji: emojiOf(emoji),
    burst: false,
    type: 0,
  };
}

/** MESSAGE_REACTION_REMOVE_ALL (a moderator cleared a message's reactions), or _REMOVE_EMOJI with an emoji. */
export function reactionsCleared(messageId: string, emoji?: ReactionEmoji) {
  return {
    channel_id: CHANNEL_ID,
    message_id: messageId,
    guild_id: GUILD_ID,
    ...(emoji !== undefined && { emoji: emojiOf(emoji) }),
  };
}
