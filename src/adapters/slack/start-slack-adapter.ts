// Starts storyroom on Slack: a Bolt app on Socket Mode when an app-level token is set (no public URL needed),
// else on Bolt's HTTP receiver, which verifies every request's signature (a missing or wrong one, a changed
// body or a timestamp over 5 minutes old gets 401 and nothing runs). One bot token serves one workspace; with
// the OAuth settings (HTTP mode) any number, each with the token its installation left in the store.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Command } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import { type Clock, systemClock } from '../../story/clock.ts';
import type { StoryEngine } from '../../story/engine.ts';
import type { VoteMessageStore } from '../shared/vote-messages.ts';
import { type AckFirst, createAckFirst } from './ack-first.ts';
import { type AttachedSlackAdapter, attachSlackAdapter } from './attach-slack-adapter.ts';
import { createEditBudget } from './edit-budget.ts';
import { EVENTS_PATH } from './manifest.ts';
import { slackOAuthOptions } from './oauth-options.ts';
import { createSlackPermissions } from './permissions.ts';
import { createSlackWebClient, slackClientOptions } from './retry-after.ts';
import type { SlackConfig } from './slack-config.ts';
import { slackLoggerOf } from './slack-logger.ts';

/** Longest that work after an ack waits for other requests' acks (Slack allows 3 s for each). */
const ACK_FIRST_MAX_DEFER_MS = 250;
/** How long without a new request counts as the end of a burst. */
const ACK_FIRST_QUIET_MS = 20;

/** Where Slack sends events, commands and interactions in HTTP mode: the manifest's request URLs. */
export { EVENTS_PATH };

export interface SlackAdapter {
  /** Whether Slack can reach storyroom: the HTTP server listens, or the Socket Mode connection is up. */
  ready(): boolean;
  /** HTTP mode: the address the receiver listens on. */
  address: AddressInfo | undefined;
  /** Resolves when every command and click received so far has been fully answered (tests, the bench). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartSlackOptions {
  config: SlackConfig;
  engine: StoryEngine;
  /** Where vote messages and voice notices are remembered (the engine's store). */
  store: VoteMessageStore;
  logger: Logger;
  commands?: readonly Command[] | undefined;
  clock?: Clock | undefined;
  /** A local fake of Slack's Web API (tests, the bench); Slack's own by default. */
  slackApiUrl?: string | undefined;
  /** HTTP mode: the interface to listen on (all by default); the port is config.port. */
  host?: string | undefined;
}

/**
 * Start it before engine.start(): votes that came due while the bot was down close there, and their
 * messages are updated only if the adapter is already listening.
 */
export async function startSlackAdapter(options: StartSlackOptions): Promise<SlackAdapter> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const oauth = config.appToken
    ? undefined
    : slackOAuthOptions(config, options.store, { logger, slackApiUrl: options.slackApiUrl });
  if (config.appToken && config.clientId) {
    logger.warn({}, 'Socket Mode serves the bot token only; the OAuth install flow needs the HTTP receiver');
  }
  const token = oauth ? undefined : config.botToken;
  if (!oauth && !token) throw new Error('the Slack adapter needs SLACK_BOT_TOKEN, or the OAuth settings');
  const budget = createEditBudget({
    editsPerMinute: config.editsPerMinute,
    messageIntervalMs: config.streamEditMs,
    clock,
  });
  const clientOptions = slackClientOptions({ slackApiUrl: options.slackApiUrl, logger });
  // One client per workspace and token, so a 429 pauses that workspace's edits (and no other's).
  const clients = new Map<string, { token: string; client: WebClient }>();
  const tokenOf = async (teamId: string): Promise<string> => {
    if (!oauth) return token ?? '';
    const installation = await oauth.installationStore.fetchInstallation({
      teamId,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    const bot = installation.bot?.token;
    if (!bot) throw new Error('the workspace installation holds no bot token');
    return bot;
  };
  const clientFor = async (teamId: string) => {
    const teamToken = await tokenOf(teamId);
    const known = clients.get(teamId);
    if (known?.token === teamToken) return known.client;
    const client = createSlackWebClient(teamToken, {
      slackApiUrl: options.slackApiUrl,
      logger,
      onRateLimited: ({ retryAfterMs, method }) => {
        logger.warn({ teamId, method, retryAfterMs }, 'Slack rate limit: pausing the workspace');
        budget.pause(teamId, retryAfterMs);
      },
    });
    clients.set(teamId, { token: teamToken, client });
    return client;
  };

  let connected = false;
  const boltLogger = slackLoggerOf(logger, 'bolt');
  const receiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger: boltLogger,
        // apps.connections.open, which gives the WebSocket's URL, goes where every Web API call goes.
        installerOptions: { clientOptions },
      })
    : new HTTPReceiver({
        signingSecret: config.signingSecret ?? '',
        endpoints: EVENTS_PATH,
        logger: boltLogger,
        ...(oauth ?? {}),
      });
  const app = new App({ receiver, ...(token ? { token } : {}), logger: boltLogger, clientOptions });
  let ackFirst: AckFirst | undefined;
  if (receiver instanceof HTTPReceiver) {
    // Every request counted from its arrival to its answer (Bolt calls requestListener per request).
    const gate = createAckFirst({ maxDeferMs: ACK_FIRST_MAX_DEFER_MS, quietMs: ACK_FIRST_QUIET_MS });
    const listener = receiver.requestListener;
    receiver.requestListener = (request, response) => {
      response.once('close', gate.arrived());
      return listener(request, response);
    };
    ackFirst = gate;
  }
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack app error');
  });
  const adapter: AttachedSlackAdapter = attachSlackAdapter({
    app,
    engine: options.engine,
    store: options.store,
    logger,
    config,
    clientFor,
    permissions: createSlackPermissions({
      moderatorUsergroupId: config.moderatorUsergroupId,
      writerUsergroupId: config.writerUsergroupId,
      clock,
      logger,
    }),
    budget,
    commands: options.commands,
    now: () => clock.now(),
    ackFirst,
  });

  let address: AddressInfo | undefined;
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => {
      connected = true;
    });
    receiver.client.on('disconnected', () => {
      connected = false;
    });
    receiver.client.on('reconnecting', () => {
      connected = false;
    });
    await app.start();
    logger.info({ mode: 'socket' }, 'slack connected');
  } else {
    const server = await receiver.start({
      port: config.port,
      ...(options.host ? { host: options.host } : {}),
    });
    address = server.address() as AddressInfo;
    connected = true;
    logger.info(
      { mode: 'http', port: address.port, path: EVENTS_PATH, oauth: Boolean(oauth) },
      'slack listening',
    );
  }
  return {
    ready: () => connected,
    address,
    idle: () => adapter.idle(),
    async stop() {
      await adapter.stop();
      await budget.stop();
      await app.stop();
      connected = false;
    },
  };
}
