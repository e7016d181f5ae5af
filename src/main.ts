// Wires config -> store -> narrator -> engine -> adapters. The only module that knows everything.
import { runConsoleRoom } from './adapters/console/index.ts';
import { commands } from './commands/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './create-logger.ts';
import { createOfflineNarrator } from './llm/offline-narrator.ts';
import { createEventStore } from './store/create-event-store.ts';
import { systemClock } from './story/clock.ts';
import { createStoryEngine } from './story/engine.ts';

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      return 1;
    }
    throw error;
  }
  const interactive = Boolean(process.stdin.isTTY);
  const logger = createLogger(interactive ? 'warn' : config.LOG_LEVEL);
  const store = await createEventStore(config.STORE_URL, {
    onError: (error) => logger.error({ err: error }, 'store connection error'),
  });
  const narrator = createOfflineNarrator({ seed: config.NARRATOR_SEED });
  const engine = createStoryEngine({ store, narrator, clock: systemClock, logger });
  await engine.start();

  try {
    await runConsoleRoom({
      engine,
      commands,
      input: process.stdin,
      output: process.stdout,
      logger,
      interactive,
      channel: config.CONSOLE_CHANNEL,
    });
  } finally {
    engine.stop();
    await store.close();
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
  },
);
