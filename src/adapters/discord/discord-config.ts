// The Discord part of the environment, parsed once. Issues name the variable (e.g. DISCORD_GUILD_ID), so
// config.ts can report them as they are.
import { z } from 'zod';

const snowflake = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{17,20}$/, { error: `${name} must be a Discord id (17 to 20 digits).` });

/** Empty strings (a blank line in .env) count as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const milliseconds = (name: string, fallback: number, min: number, max: number) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? undefined : value),
    z.coerce
      .number({ error: `${name} must be a number of milliseconds.` })
      .int({ error: `${name} must be a whole number of milliseconds.` })
      .min(min, { error: `${name} must be at least ${min} ms.` })
      .max(max, { error: `${name} must be at most ${max} ms.` })
      .default(fallback),
  );

export const discordConfigSchema = z
  .object({
    DISCORD_TOKEN: optional(z.string().trim().min(1)),
    DISCORD_APPLICATION_ID: optional(snowflake('DISCORD_APPLICATION_ID')),
    DISCORD_GUILD_ID: optional(snowflake('DISCORD_GUILD_ID')),
    DISCORD_MODERATOR_ROLE_ID: optional(snowflake('DISCORD_MODERATOR_ROLE_ID')),
    DISCORD_WRITER_ROLE_ID: optional(snowflake('DISCORD_WRITER_ROLE_ID')),
    DISCORD_STREAM_EDIT_MS: milliseconds('DISCORD_STREAM_EDIT_MS', 1000, 250, 60_000),
    DISCORD_VOTE_EDIT_MS: milliseconds('DISCORD_VOTE_EDIT_MS', 2000, 250, 60_000),
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
  }));

export type DiscordConfig = z.output<typeof discordConfigSchema>;
