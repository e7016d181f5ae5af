// The Discord part of the environment. Each issue's path is the variable's name, so config.ts's parseEnv
// reports it as "DISCORD_GUILD_ID: expected a Discord id (17 to 20 digits)".
import { z } from 'zod';
import { milliseconds, optional } from '../shared/env-fields.ts';

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, { error: 'expected a Discord id (17 to 20 digits)' });

export const discordConfigSchema = z
  .object({
    DISCORD_TOKEN: optional(z.string().trim().min(1)),
    DISCORD_APPLICATION_ID: optional(snowflake),
    DISCORD_GUILD_ID: optional(snowflake),
    DISCORD_MODERATOR_ROLE_ID: optional(snowflake),
    DISCORD_WRITER_ROLE_ID: optional(snowflake),
    DISCORD_STREAM_EDIT_MS: milliseconds(1000, 250, 60_000),
    DISCORD_VOTE_EDIT_MS: milliseconds(2000, 250, 60_000),
    DISCORD_SHARDS: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .union([z.literal('auto'), z.coerce.number().int().min(1).max(10_000)], {
          error: 'expected auto or a number of shards',
        })
        .default('auto'),
    ),
  })
  .transform((env) => ({
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    /** Register commands in this guild only (instant; for testing). Unset: global commands. */
    guildId: env.DISCORD_GUILD_ID,
    moderatorRoleId: env.DISCORD_MODERATOR_ROLE_ID,
    /** When set, only members with this role (and moderators) count as writers; otherwise everyone does. */
    writerRoleId: env.DISCORD_WRITER_ROLE_ID,
    /** Shortest time between two edits of a message that is being streamed. */
    streamEditMs: env.DISCORD_STREAM_EDIT_MS,
    /** Shortest time between two live-count edits of a vote message. */
    voteEditMs: env.DISCORD_VOTE_EDIT_MS,
    /** For the shard launcher only: how many shards to spawn ("auto" asks Discord). */
    shards: env.DISCORD_SHARDS,
  }));

export type DiscordConfig = z.output<typeof discordConfigSchema>;
