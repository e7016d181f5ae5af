// The discord.js client storyroom runs: the Guilds intent only (no privileged intents), no mentions parsed
// by default, and no message cache (storyroom never reads channel messages).
import { Client, GatewayIntentBits, Options, type RESTOptions } from 'discord.js';

export function createDiscordClient(rest: Partial<RESTOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest,
  });
}
