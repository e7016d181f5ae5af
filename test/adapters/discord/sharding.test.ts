import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shardFilter, unsharedStoreProblem } from '../../../src/adapters/discord/sharding.ts';
import type { RoomRef } from '../../../src/story/types.ts';

const inGuild = (guildId: string): RoomRef => ({ platform: 'discord', workspaceId: guildId, channelId: '1' });

describe('shardFilter', () => {
  it('is off when this process is not a shard', () => {
    expect(shardFilter({})).toBeUndefined();
    expect(shardFilter({ SHARDS: '0' })).toBeUndefined();
    expect(shardFilter({ SHARD_COUNT: '2' })).toBeUndefined();
  });

  it("keeps a guild's rooms on the shard Discord sends its interactions to: (guild_id >> 22) % shard count", () => {
    // 4194304 = 1 << 22, so these guild ids fall on shards 0, 1, 2 and 3 of 4.
    const guilds = ['0', '4194304', '8388608', '12582912'];
    const shard1 = shardFilter({ SHARDS: '1', SHARD_COUNT: '4' });
    const shards02 = shardFilter({ SHARDS: '0,2', SHARD_COUNT: '4' });
    expect(guilds.map((id) => shard1?.(inGuild(id)))).toEqual([false, true, false, false]);
    expect(guilds.map((id) => shards02?.(inGuild(id)))).toEqual([true, false, true, false]);
    // A real snowflake: 175928847299117063 >> 22 = 41944705796, which is 1 modulo 5.
    expect(shardFilter({ SHARDS: '1', SHARD_COUNT: '5' })?.(inGuild('175928847299117063'))).toBe(true);
  });

  it('leaves rooms of other platforms to their own process', () => {
    const filter = shardFilter({ SHARDS: '0', SHARD_COUNT: '1' });
    expect(filter?.({ platform: 'console', workspaceId: 'local', channelId: 'x' })).toBe(false);
    expect(filter?.(inGuild('not-a-snowflake'))).toBe(false);
  });
});

describe('unsharedStoreProblem', () => {
  it('accepts the stores shards can share', () => {
    for (const url of [
      'redis://127.0.0.1:6379',
      'rediss://cache:6380',
      'postgres://db/test',
      'postgresql://db/x',
    ]) {
      expect(unsharedStoreProblem(url)).toBeUndefined();
    }
  });

  it('refuses memory and a local SQLite file, saying what to set', () => {
    expect(unsharedStoreProblem('memory:')).toMatch(
      /STORE_URL is memory:\. Set STORE_URL to redis:\/\/… or postgres/,
    );
    expect(unsharedStoreProblem('sqlite://./data/storyroom.sqlite')).toMatch(/a local SQLite file/);
  });
});

describe('the shard launcher (src/adapters/discord/shards.ts)', () => {
  it('refuses to start shards on a store they cannot share, before connecting anywhere', () => {
    const run = spawnSync(process.execPath, ['src/adapters/discord/shards.ts'], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: 'not-a-real-token',
        STORE_URL: 'sqlite://./data/x.sqlite',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/must share one store, but STORE_URL is a local SQLite file/);
  });
});
