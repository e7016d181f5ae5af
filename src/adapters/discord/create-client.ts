// The discord.js client storyroom runs: the Guilds and Guild Message Reactions intents (neither is privileged),
// no mentions parsed by default, and no message cache (storyroom never reads channel messages): reactions on
// uncached messages arrive as partials (message, reaction, user), which is all the beat map needs. Its REST sends interaction-token
// requests outside the global pacing (interaction-rest.ts) and draws late bodies when sending (drawn-body.ts).
import {
  Client,
  DefaultRestOptions,
  Events,
  GatewayIntentBits,
  Options,
  Partials,
  type RESTOptions,
} from 'discord.js';
import { drawingBodies } from './drawn-body.ts';
import { InteractionAwareREST } from './interaction-rest.ts';

export function createDiscordClient(rest: Partial<RESTOptions> = {}): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest,
  });
  // discord.js builds its REST from the merged options (user agent included); ours replaces it before use.
  client.rest.clearHashSweeper();
  client.rest.clearHandlerSweeper();
  const makeRequest = (client.options.rest?.makeRequest ??
    DefaultRestOptions.makeRequest) as RESTOptions['makeRequest'];
  const routed = new InteractionAwareREST({
    ...client.options.rest,
    makeRequest: drawingBodies(makeRequest),
  });
  client.rest = routed;
  // Registered before the adapter's listener, so the id is known before the first reply is sent.
  client.on(Events.InteractionCreate, (interaction) => routed.addApplicationId(interaction.applicationId));
  client.once(Events.ClientReady, (ready) => routed.addApplicationId(ready.application.id));
  return client;
}
