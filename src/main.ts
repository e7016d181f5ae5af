// Wires config -> store -> narrator -> engine -> adapters. The only module that knows everything.
// With a Discord token it serves Discord; with none it opens the local story room in the terminal.

import { runConsoleRoom } from './adapters/console/index.ts';
import { startDiscordAdapter } from './adapters/discord/index.ts';
import { shardFilter } from './adapters/discord/sharding.ts';
import { commands } from './commands/index.ts';
import { configOrReport, loadConfig } from './config.ts';
import { createLogger } from './create-logger.ts';
import { createNarratorFromConfig } from './llm/create-narrator.ts';
import { closeSharedExportPool } from './screenplay/export-pool.ts';
import { createEventStore } from './store/create-event-store.ts';
import { systemClock } from './story/clock.ts';
import { createStoryEngine } from './story/engine.ts';

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function main(): Promise<number> {
  const config = configOrReport(loadConfig);
  if (!config) return 1;
  const consoleRoom = !config.discord.token;
  const interactive = consoleRoom && Boolean(process.stdin.isTTY);
  const logger = createLogger(interactive ? 'warn' : config.LOG_LEVEL);
  const store = await createEventStore(config.STORE_URL, {
    onError: (error) => logger.error({ err: error }, 'store connection error'),
  });
  const narrator = createNarratorFromConfig(config.llm, { logger, seed: config.NARRATOR_SEED });
  const engine = createStoryEngine({
    store,
    narrator,
    clock: systemClock,
    logger,
    beatLeaseMs: config.BEAT_LEASE_MS,
  });
  let closing: Promise<void> | undefined;
  const closeAll = () => {
    closing ??= (async () => {
      await engine.stop();
      await Promise.all([store.close(), closeSharedExportPool()]);
    })();
    return closing;
  };
  const owns = shardFilter(process.env);
  const startEngine = () => engine.start({ owns, rearmEveryMs: config.VOTE_REARM_MS });

  try {
    if (config.discord.token) {
      // The adapter listens before the engine re-arms votes, so votes that came due while storyroom was
      // down close with their messages updated.
      const discord = await startDiscordAdapter({
        token: config.discord.token,
        engine,
        store,
        logger,
        config: config.discord,
      });
      try {
        await startEngine();
        logger.info({}, 'storyroom is running on Discord');
        await waitForSignal();
        await engine.drain(config.SHUTDOWN_GRACE_MS);
      } finally {
        await discord.stop();
      }
    } else {
      await startEngine();
      // On SIGTERM/SIGINT the room answers "restarting" to anything new, lets what runs finish, closes the
      // store and stops reading, so the process ends with nothing acknowledged lost.
      void waitForSignal().then(async () => {
        await engine.drain(config.SHUTDOWN_GRACE_MS);
        await closeAll();
        process.stdin.destroy();
      });
      await runConsoleRoom({
        engine,
        commands,
        input: process.stdin,
        output: process.stdout,
        logger,
        interactive,
        channel: config.CONSOLE_CHANNEL,
        exportsDir: config.EXPORTS_DIR,
      });
    }
  } finally {
    await closeAll();
  }
  return 0;
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(
    `storyroom: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`,
  );
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `storyroom failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
    // A store client that never connected may still hold a socket or a retry timer: exit regardless.
    setTimeout(() => process.exit(1), 500).unref();
  },
);
