import { Partials } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../../src/adapters/discord/create-client.ts';
import { discordConfigSchema } from '../../../src/adapters/discord/discord-config.ts';
import { ConfigError, parseEnv } from '../../../src/config.ts';

describe('Discord configuration', () => {
  it('runs without Discord when nothing is set, with one edit a second while streaming', () => {
    expect(parseEnv(discordConfigSchema, {})).toEqual({
      token: undefined,
      applicationId: undefined,
      guildId: undefined,
      moderatorRoleId: undefined,
      writerRoleId: undefined,
      streamEditMs: 1000,
      voteEditMs: 2000,
      shards: 'auto',
    });
  });

  it('names the variable that is wrong, never its value', () => {
    const parse = () =>
      parseEnv(discordConfigSchema, {
        DISCORD_TOKEN: 'secret-token',
        DISCORD_GUILD_ID: 'my server',
        DISCORD_STREAM_EDIT_MS: '10',
      });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/DISCORD_GUILD_ID: expected a Discord id/);
    expect(parse).toThrow(
      /DISCORD_STREAM_EDIT_MS: expected a whole number of milliseconds from 250 to 60000/,
    );
    expect(parse).not.toThrow(/secret-token|my server/);
  });
});

describe('the Discord client', () => {
  it('asks for the Guilds and reactions intents only (no privileged one) and parses no mentions', async () => {
    const client = createDiscordClient();
    expect(client.options.intents.toArray()).toEqual(['Guilds', 'GuildMessageReactions']);
    // Messages are not cached: reactions on them come as partials.
    expect(client.options.partials).toEqual([Partials.Message, Partials.Reaction, Partials.User]);
    expect(client.options.allowedMentions).toEqual({ parse: [] });
    await client.destroy();
  });
});
