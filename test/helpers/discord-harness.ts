// A Discord adapter wired to a real engine and a real discord.js client that never logs in (no gateway):
// payloads go in through the client's INTERACTION_CREATE handling, HTTP comes out to the nock fake.

import { appendFileSync } from 'node:fs';
import type { Client, RESTOptions } from 'discord.js';
import Keyv from 'keyv';
import {
  type AttachedAdapter,
  attachDiscordAdapter,
} from '../../src/adapters/discord/attach-discord-adapter.ts';
import { createDiscordClient } from '../../src/adapters/discord/create-client.ts';
import { type DiscordConfig, discordConfigSchema } from '../../src/adapters/discord/discord-config.ts';
import type { Command } from '../../src/commands/command.ts';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import type { Logger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { type Clock, systemClock } from '../../src/story/clock.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import type { Illustrator } from '../../src/story/illustrator.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import { APP_ID, CHANNEL_ID, deliver } from './discord-payloads.ts';
import { type DiscordLimits, type FakeDiscordRest, fakeDiscordRest, stampSendTime } from './discord-rest.ts';

export interface LogEntry {
  level: keyof Logger;
  obj: object;
  msg?: string | undefined;
}

export interface Harness {
  rest: FakeDiscordRest;
  engine: StoryEngine;
  client: Client;
  adapter: AttachedAdapter;
  store: EventStore;
  logs: LogEntry[];
  /** Delivers an interaction and waits until it is fully answered. */
  send(payload: object): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    narrator?: Narrator;
    store?: EventStore;
    clock?: Clock;
    config?: Partial<DiscordConfig>;
    now?: () => number;
    rest?: FakeDiscordRest;
    /** Rate limits the default fake enforces (discordLimits()); none when not given. */
    limits?: DiscordLimits;
    /** More options for the client's REST, e.g. `api` pointing at a served fake. */
    restOptions?: Partial<RESTOptions>;
    /** The commands the adapter serves; the real list by default. */
    commands?: readonly Command[];
    /** Draws /scene picture's frames; none by default (as without IMAGE_MODEL). */
    illustrator?: Illustrator;
  } = {},
): Promise<Harness> {
  const rest =
    options.rest ?? fakeDiscordRest({ channelId: CHANNEL_ID, applicationId: APP_ID, limits: options.limits });
  const logs: LogEntry[] = [];
  const logger: Logger = {
    debug: (obj, msg) => logs.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => {
      logs.push({ level: 'error', obj, msg });
      // DISCORD_TEST_LOG=/tmp/file collects unexpected errors with their stacks, for chasing a flaky run.
      if (process.env.DISCORD_TEST_LOG) {
        const err = (obj as { err?: unknown }).err;
        appendFileSync(
          process.env.DISCORD_TEST_LOG,
          `${msg} ${err instanceof Error ? err.stack : String(err)}\n`,
        );
      }
    },
  };
  const store = options.store ?? createKeyvEventStore(new Keyv());
  const engine = createStoryEngine({
    store,
    narrator: options.narrator ?? createOfflineNarrator(),
    clock: options.clock ?? systemClock,
    logger,
    illustrator: options.illustrator,
  });
  // Never a login, so never a gateway. Requests carry their send time, by which the fake judges rate limits.
  // No rate-limit offset, so a 429's retry-after is waited exactly; but with Discord's limits, discord.js's
  // default 50 ms: without it, requests that wake at the very millisecond a global window ends all go out
  // on the old window's spent budget (@discordjs/rest renews it only once the reset time is strictly past).
  const client = createDiscordClient({
    offset: options.limits ? 50 : 0,
    makeRequest: stampSendTime,
    ...options.restOptions,
  });
  client.rest.setToken('test-token');
  const config: DiscordConfig = {
    ...discordConfigSchema.parse({}),
    streamEditMs: 50,
    voteEditMs: 50,
    ...options.config,
  };
  const adapter = attachDiscordAdapter({
    client,
    engine,
    store,
    logger,
    config,
    ...(options.now && { now: options.now }),
    ...(options.commands && { commands: options.commands }),
  });
  // As in main.ts: the adapter listens before votes that came due during a restart are closed.
  await engine.start();
  return {
    rest,
    engine,
    client,
    adapter,
    store,
    logs,
    async send(payload) {
      deliver(client, payload);
      await adapter.idle();
    },
    async close() {
      await adapter.stop();
      engine.stop();
      await client.destroy();
      if (!options.rest) rest.stop();
    },
  };
}
