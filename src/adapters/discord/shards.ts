// Runs storyroom as several shard processes with discord.js's ShardingManager:
//   node --env-file-if-exists=.env src/adapters/discord/shards.ts
// Each shard is src/main.ts in its own process; discord.js tells each client its shard ids through the
// environment (SHARDS, SHARD_COUNT). A guild's interactions always reach the same shard, and rooms are
// shared through the store, so every shard must use the same STORE_URL (Redis or PostgreSQL, not memory).
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { configOrReport, loadConfig } from '../../config.ts';
import { unsharedStoreProblem } from './sharding.ts';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));

async function spawnShards(): Promise<number> {
  const config = configOrReport(loadConfig);
  if (!config) return 1;
  const { token, shards } = config.discord;
  if (!token) {
    process.stderr.write('Set DISCORD_TOKEN to run shards.\n');
    return 1;
  }
  const problem = unsharedStoreProblem(config.STORE_URL);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  const manager = new ShardingManager(MAIN, {
    token,
    totalShards: shards,
    mode: 'process',
    // Shards keep running on their own when one restarts; a crashed shard is respawned.
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    process.stderr.write(`storyroom: shard ${shard.id} of ${manager.totalShards} starting\n`);
    shard.on('death', () => process.stderr.write(`storyroom: shard ${shard.id} exited\n`));
  });
  await manager.spawn();
  return 0;
}

spawnShards().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `storyroom: shards failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
