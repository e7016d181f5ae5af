// Slack's request bodies in their real shapes: slash commands form-encoded, interactions as a form field
// `payload=` holding JSON. Text is encoded as Slack does ("&", "<", ">" as entities).

export const TEAM_ID = 'T0TEAM';
export const CHANNEL_ID = 'C0STORY';
export const APP_ID = 'A0STORY';

let triggers = 0;

/** Slack's encoding of what a person typed. */
export const slackEncode = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export interface SlashOptions {
  command: string;
  text?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
}

/** A slash command as Slack posts it (application/x-www-form-urlencoded). */
export function slashCommandBody(options: SlashOptions): string {
  triggers += 1;
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: options.teamId ?? TEAM_ID,
    team_domain: 'storyroom-test',
    channel_id: options.channelId ?? CHANNEL_ID,
    channel_name: 'story',
    user_id: options.userId ?? 'U0ALICE',
    user_name: options.userName ?? 'alice',
    command: options.command,
    text: slackEncode(options.text ?? ''),
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: `${triggers}.1234.abcdef`,
  }).toString();
}

export interface ClickOptions {
  /** The button's value (and action_id): the vote button id. */
  value: string;
  messageTs: string;
  threadTs?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  teamId?: string;
  ephemeral?: boolean;
  responseUrl: string;
}

/** A block_actions click on a button, as Slack posts it: `payload=` with the JSON. */
export function blockActionsBody(options: ClickOptions): string {
  triggers += 1;
  const teamId = options.teamId ?? TEAM_ID;
  const channelId = options.channelId ?? CHANNEL_ID;
  const userId = options.userId ?? 'U0ALICE';
  const payload = {
    type: 'block_actions',
    user: {
      id: userId,
      username: options.userName ?? userId.toLowerCase(),
      name: options.userName ?? userId.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: APP_ID,
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: channelId,
      is_ephemeral: options.ephemeral ?? false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    trigger_id: `${triggers}.1234.abcdef`,
    team: { id: teamId, domain: 'storyroom-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'story' },
    ...(options.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            ts: options.messageTs,
            bot_id: 'B0BOT',
            ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
            text: 'vote',
            blocks: [],
          },
        }),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.value,
        block_id: 'vote',
        text: { type: 'plain_text', text: 'A', emoji: true },
        value: options.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An app_mention event (Events API, JSON), e.g. a command in a thread. */
export function appMentionBody(options: {
  text: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  threadTs?: string;
}): string {
  triggers += 1;
  const teamId = options.teamId ?? TEAM_ID;
  const ts = `1700001000.${String(triggers).padStart(6, '0')}`;
  return eventCallbackBody(teamId, {
    type: 'app_mention',
    user: options.userId ?? 'U0ALICE',
    text: `<@U0BOT> ${slackEncode(options.text)}`,
    ts,
    channel: options.channelId ?? CHANNEL_ID,
    event_ts: ts,
    team: teamId,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  });
}

/** An Events API request body (JSON) around one event, authorized for the bot U0BOT. */
function eventCallbackBody(teamId: string, event: object): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: `Ev${triggers}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  });
}

/** A message shortcut on a message (in a thread when `threadTs` is given), as Slack posts it. */
export function messageShortcutBody(options: {
  callbackId: string;
  messageTs: string;
  threadTs?: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
}): string {
  triggers += 1;
  const teamId = options.teamId ?? TEAM_ID;
  const userId = options.userId ?? 'U0ALICE';
  const payload = {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
    team: { id: teamId, domain: 'storyroom-test' },
    user: { id: userId, name: userId.toLowerCase(), team_id: teamId },
    channel: { id: options.channelId ?? CHANNEL_ID, name: 'story' },
    is_enterprise_install: false,
    callback_id: options.callbackId,
    trigger_id: `${triggers}.1234.abcdef`,
    response_url: options.responseUrl,
    message_ts: options.messageTs,
    message: {
      type: 'message',
      user: 'U0BOT',
      ts: options.messageTs,
      text: 'a beat',
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A reaction_added / reaction_removed event on a message (Events API, JSON), as Slack posts it. */
export function reactionBody(options: {
  reaction: string;
  messageTs: string;
  removed?: boolean;
  userId?: string;
  /** Who wrote the message reacted to (the bot, for a beat). */
  itemUser?: string;
  channelId?: string;
  teamId?: string;
}): string {
  triggers += 1;
  const teamId = options.teamId ?? TEAM_ID;
  const eventTs = `1700002000.${String(triggers).padStart(6, '0')}`;
  return eventCallbackBody(teamId, {
    type: options.removed ? 'reaction_removed' : 'reaction_added',
    user: options.userId ?? 'U0ALICE',
    reaction: options.reaction,
    item_user: options.itemUser ?? 'U0BOT',
    item: { type: 'message', channel: options.channelId ?? CHANNEL_ID, ts: options.messageTs },
    event_ts: eventTs,
  });
}
