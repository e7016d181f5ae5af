// Starts storyroom on Discord: a gateway connection with the Guilds intent, interactions handled by the
// attached adapter. Under ShardingManager each shard process runs this; discord.js reads its shard ids
// from the environment the manager sets.
import type { Command } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { attachDiscordAdapter } from './attach-discord-adapter.ts';
import { createDiscordClient } from './create-client.ts';
import type { DiscordConfig } from './discord-config.ts';
import type { VoteMessageStore } from './vote-messages.ts';

export interface DiscordAdapter {
  /** Whether the gateway connection is up (for /readyz). */
  ready(): boolean;
  stop(): Promise<void>;
}

/**
 * Start it before engine.start(): votes that came due while the bot was down close there, and their
 * messages are updated only if the adapter is already listening.
 */
export async function startDiscordAdapter(options: {
  token: string;
  engine: StoryEngine;
  store: VoteMessageStore;
  logger: Logger;
  config: DiscordConfig;
  /** The commands to serve (main.ts passes them counted for metrics); all of them by default. */
  commands?: readonly Command[] | undefined;
}): Promise<DiscordAdapter> {
  const { logger } = options;
  const client = createDiscordClient();
  const adapter = attachDiscordAdapter({
    client,
    engine: options.engine,
    store: options.store,
    logger,
    config: options.config,
    ...(options.commands ? { commands: options.commands } : {}),
  });
  client.on('error', (error) => logger.error({ err: error }, 'discord client error'));
  client.on('warn', (message) => logger.warn({ message }, 'discord client warning'));
  client.on('shardError', (error, shardId) => logger.error({ err: error, shardId }, 'discord shard error'));
  client.once('clientReady', (ready) =>
    logger.info(
      { user: ready.user.tag, guilds: ready.guilds.cache.size, shards: ready.ws.shards.map((s) => s.id) },
      'discord connected',
    ),
  );
  await client.login(options.token);
  return {
    ready: () => client.isReady(),
    async stop() {
      await adapter.stop();
      await client.destroy();
    },
  };
}
