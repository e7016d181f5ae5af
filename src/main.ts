// Wires config -> store -> narrator -> engine -> adapters. The only module that knows everything.
// With a Discord token it serves Discord, with a Slack bot token (or the OAuth install flow) Slack, both in
// one process when both are set; with no platform configured it opens the local story room in the terminal.

import { runConsoleRoom, terminalLocale } from './adapters/console/index.ts';
import { startDiscordAdapter } from './adapters/discord/index.ts';
import { shardFilter } from './adapters/discord/sharding.ts';
import { slackEnabled, startSlackAdapter } from './adapters/slack/index.ts';
import { commands } from './commands/index.ts';
import { configOrReport, loadConfig } from './config.ts';
import { createLogger } from './create-logger.ts';
import { createNarratorFromConfig } from './llm/create-narrator.ts';
import { createOpenAiIllustrator } from './llm/openai-illustrator.ts';
import { instrumentCommands } from './operations/instrument-commands.ts';
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
  const slack = slackEnabled(config.slack);
  const consoleRoom = !config.discord.token && !slack;
  const interactive = consoleRoom && Boolean(process.stdin.isTTY);
  const logger = createLogger(interactive ? 'warn' : config.LOG_LEVEL);
  const store = await createEventStore(config.STORE_URL, {
    onError: (error) => logger.error({ err: error }, 'store connection error'),
  });
  // Metrics only when METRICS_PORT is set (prom-client is loaded only then); otherwise no hooks at all.
  const metrics =
    config.METRICS_PORT === undefined
      ? undefined
      : (await import('./operations/metrics.ts')).createMetrics({
          openVotes: async () => Object.keys(await store.openVotes()).length,
        });
  const narrator = createNarratorFromConfig(config.llm, {
    logger,
    seed: config.NARRATOR_SEED,
    onRequest: metrics && ((request) => metrics.narratorRequest(request)),
  });
  // /scene picture draws through an images endpoint only with IMAGE_MODEL; without it the command says so.
  const illustrator = config.image.enabled ? createOpenAiIllustrator(config.image, { logger }) : undefined;
  const served = metrics ? instrumentCommands(commands, metrics) : commands;
  const engine = createStoryEngine({
    store,
    narrator,
    clock: systemClock,
    logger,
    beatLeaseMs: config.BEAT_LEASE_MS,
    illustrator,
    onConflict: metrics && (() => metrics.storeConflict()),
    tokenBudget: {
      perRoom: config.LLM_DAILY_TOKENS_PER_ROOM,
      perWorkspace: config.LLM_DAILY_TOKENS_PER_SERVER,
    },
  });
  // /readyz: the store answers a read, and the platform connection is up (the terminal always is).
  let platformReady = () => true;
  const metricsServer =
    metrics &&
    config.METRICS_PORT !== undefined &&
    (await (
      await import('./operations/metrics-server.ts')
    ).startMetricsServer({
      port: config.METRICS_PORT,
      host: config.METRICS_HOST,
      metrics,
      logger,
      checks: {
        store: async () => {
          await store.head('readyz');
          return true;
        },
        platform: () => platformReady(),
      },
    }));
  let closing: Promise<void> | undefined;
  const closeAll = () => {
    closing ??= (async () => {
      await engine.stop();
      await Promise.all([store.close(), closeSharedExportPool()]);
      if (metricsServer) await metricsServer.close();
    })();
    return closing;
  };
  const owns = shardFilter(process.env);
  const startEngine = () => engine.start({ owns, rearmEveryMs: config.VOTE_REARM_MS });

  try {
    if (!consoleRoom) {
      // The adapters listen before the engine re-arms votes, so votes that came due while storyroom was
      // down close with their messages updated.
      const platforms: { name: string; ready(): boolean; stop(): Promise<void> }[] = [];
      try {
        if (config.discord.token) {
          const discord = await startDiscordAdapter({
            token: config.discord.token,
            engine,
            store,
            logger,
            config: config.discord,
            commands: served,
          });
          platforms.push({ name: 'Discord', ...discord });
        }
        if (slack) {
          const slackAdapter = await startSlackAdapter({
            config: config.slack,
            slackApiUrl: config.slack.apiUrl,
            engine,
            store,
            logger,
            commands: served,
          });
          platforms.push({ name: 'Slack', ...slackAdapter });
        }
        platformReady = () => platforms.every((platform) => platform.ready());
        await startEngine();
        logger.info({ platforms: platforms.map((platform) => platform.name) }, 'storyroom is running');
        await waitForSignal();
        await engine.drain(config.SHUTDOWN_GRACE_MS);
      } finally {
        for (const platform of platforms) await platform.stop();
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
        commands: served,
        input: process.stdin,
        output: process.stdout,
        logger,
        interactive,
        channel: config.CONSOLE_CHANNEL,
        exportsDir: config.EXPORTS_DIR,
        locale: terminalLocale(process.argv.slice(2), process.env),
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
