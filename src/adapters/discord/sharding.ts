// What running as several shard processes (discord.js's ShardingManager) asks of the rest of storyroom.
import type { RoomRef } from '../../story/types.ts';

/**
 * Under the ShardingManager each process serves some guilds (SHARDS of SHARD_COUNT, set by discord.js) and
 * keeps time only for their votes; undefined when this process is not a shard.
 */
export function shardFilter(env: NodeJS.ProcessEnv): ((ref: RoomRef) => boolean) | undefined {
  const count = Number(env.SHARD_COUNT);
  const shards = (env.SHARDS ?? '').split(',').filter(Boolean).map(Number);
  if (!Number.isInteger(count) || count < 1 || shards.length === 0) return undefined;
  return (ref) =>
    ref.platform === 'discord' && /^\d+$/.test(ref.workspaceId)
      ? shards.includes(Number((BigInt(ref.workspaceId) >> 22n) % BigInt(count)))
      : false;
}

/** Shards are separate processes, so they must share one store; why not, or undefined when they can. */
export function unsharedStoreProblem(storeUrl: string): string | undefined {
  if (/^(redis|rediss|postgres|postgresql):\/\//.test(storeUrl)) return undefined;
  const kind = storeUrl.startsWith('memory:') ? 'memory:' : 'a local SQLite file';
  return `Shards run as separate processes and must share one store, but STORE_URL is ${kind}. Set STORE_URL to redis://… or postgres://…, or run one process with npm start.`;
}
