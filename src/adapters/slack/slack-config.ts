// The Slack part of the environment. Each issue's path is the variable's name, so config.ts's parseEnv
// reports it as "SLACK_PORT: expected a port number from 1 to 65535".
import { z } from 'zod';
import { milliseconds, optional, wholeNumber } from '../shared/env-fields.ts';

const secret = optional(z.string().trim().min(1));

const slackId = (prefix: string, what: string) =>
  optional(
    z
      .string()
      .trim()
      .regex(new RegExp(`^${prefix}[A-Z0-9]{2,20}$`), { error: `expected a Slack ${what} id (${prefix}…)` }),
  );

export const slackConfigSchema = z
  .object({
    SLACK_BOT_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(/^xoxb-/, { error: 'expected a bot token (xoxb-…)' }),
    ),
    SLACK_APP_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(/^xapp-/, { error: 'expected an app-level token (xapp-…)' }),
    ),
    SLACK_SIGNING_SECRET: secret,
    SLACK_PORT: wholeNumber(3000, 1, 65_535, 'expected a port number from 1 to 65535'),
    SLACK_COMMAND_PREFIX: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9_-]{0,9}$/, {
          error: 'expected up to 10 lowercase letters, digits, - or _ (for example sr-)',
        })
        .default(''),
    ),
    SLACK_CLIENT_ID: secret,
    SLACK_CLIENT_SECRET: secret,
    SLACK_STATE_SECRET: secret,
    SLACK_MODERATOR_USERGROUP_ID: slackId('S', 'user group'),
    SLACK_WRITER_USERGROUP_ID: slackId('S', 'user group'),
    SLACK_STREAM_EDIT_MS: milliseconds(1000, 1000, 60_000),
    SLACK_VOTE_EDIT_MS: milliseconds(3000, 1000, 60_000),
    SLACK_EDITS_PER_MINUTE: wholeNumber(45, 1, 100, 'expected a whole number from 1 to 100'),
    SLACK_API_URL: optional(
      z
        .string()
        .trim()
        .regex(/^https?:\/\/\S+\/$/, {
          error: 'expected an http(s) URL ending in / (e.g. https://slack.com/api/)',
        }),
    ),
  })
  .transform((env) => ({
    botToken: env.SLACK_BOT_TOKEN,
    /** Socket Mode when set (no public URL needed); otherwise the HTTP receiver on `port`. */
    appToken: env.SLACK_APP_TOKEN,
    /** Verifies that HTTP requests come from Slack. Required for the HTTP receiver. */
    signingSecret: env.SLACK_SIGNING_SECRET,
    port: env.SLACK_PORT,
    /** Put before every command name: "sr-" gives /sr-scene. */
    commandPrefix: env.SLACK_COMMAND_PREFIX,
    /** OAuth distribution to several workspaces (HTTP mode): all three set, or none. */
    clientId: env.SLACK_CLIENT_ID,
    clientSecret: env.SLACK_CLIENT_SECRET,
    stateSecret: env.SLACK_STATE_SECRET,
    moderatorUsergroupId: env.SLACK_MODERATOR_USERGROUP_ID,
    /** When set, only members of this user group (and moderators) count as writers; otherwise everyone does. */
    writerUsergroupId: env.SLACK_WRITER_USERGROUP_ID,
    /** Shortest time between two edits of a message that is being streamed. */
    streamEditMs: env.SLACK_STREAM_EDIT_MS,
    /** Shortest time between two live-count edits of a vote message. */
    voteEditMs: env.SLACK_VOTE_EDIT_MS,
    /** chat.update calls per minute one workspace's messages share (Slack's Tier 3 is about 50). */
    editsPerMinute: env.SLACK_EDITS_PER_MINUTE,
    /** Where the Web API is (Slack's by default): a proxy in front of it, or a test double. */
    apiUrl: env.SLACK_API_URL,
  }))
  .superRefine((config, context) => {
    const oauth = [config.clientId, config.clientSecret, config.stateSecret].filter(Boolean).length;
    if (oauth > 0 && oauth < 3)
      context.addIssue({
        code: 'custom',
        path: ['SLACK_CLIENT_ID'],
        message:
          'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together: set all three or none',
      });
    if (oauth === 3 && !config.signingSecret)
      context.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'the OAuth install flow runs on the HTTP receiver, which needs SLACK_SIGNING_SECRET',
      });
    if (config.botToken && !config.appToken && !config.signingSecret && oauth === 0)
      context.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) beside it',
      });
  });

export type SlackConfig = z.output<typeof slackConfigSchema>;

/** Slack runs when a bot token is set, or when the OAuth install flow is configured. */
export function slackEnabled(config: SlackConfig): boolean {
  return Boolean(config.botToken || config.clientId);
}
