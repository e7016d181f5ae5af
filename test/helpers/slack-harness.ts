// The Slack adapter as main.ts starts it, on Bolt's real HTTP receiver on a loopback port, with a real engine
// and Slack's Web API answered by the local fake (slack-web-api.ts). Requests go in signed, as Slack sends them.
import Keyv from 'keyv';
import type { SlackConfig } from '../../src/adapters/slack/slack-config.ts';
import {
  EVENTS_PATH,
  type SlackAdapter,
  startSlackAdapter,
} from '../../src/adapters/slack/start-slack-adapter.ts';
import type { Command } from '../../src/commands/command.ts';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import type { Logger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { type Clock, systemClock } from '../../src/story/clock.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import type { Illustrator } from '../../src/story/illustrator.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import {
  blockActionsBody,
  type ClickOptions,
  type SlashOptions,
  slashCommandBody,
} from './slack-payloads.ts';
import { SIGNING_SECRET, signedHeaders } from './slack-signing.ts';
import { type FakeSlackApi, type SlackCall, startFakeSlackApi } from './slack-web-api.ts';

export interface SlackLogEntry {
  level: keyof Logger;
  obj: object;
  msg?: string | undefined;
}

export interface SlackHarness {
  api: FakeSlackApi;
  engine: StoryEngine;
  store: EventStore;
  adapter: SlackAdapter;
  logs: SlackLogEntry[];
  /** "http://127.0.0.1:PORT/slack/events" */
  eventsUrl: string;
  /** Posts a raw body with the given headers; the HTTP status and body Bolt answered. */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }>;
  /** A signed slash command; resolves once it is acked (the HTTP answer), not yet worked on. */
  slash(
    options: Omit<SlashOptions, 'responseUrl'> & { responseUrl?: string },
  ): Promise<{ status: number; body: string }>;
  /** A signed button click; resolves once acked. */
  click(
    options: Omit<ClickOptions, 'responseUrl'> & { responseUrl?: string },
  ): Promise<{ status: number; body: string }>;
  /** Waits until everything received so far is fully answered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_SLACK_CONFIG: SlackConfig = {
  botToken: 'xoxb-test-token',
  appToken: undefined,
  signingSecret: SIGNING_SECRET,
  port: 0,
  commandPrefix: '',
  clientId: undefined,
  clientSecret: undefined,
  stateSecret: undefined,
  moderatorUsergroupId: undefined,
  writerUsergroupId: undefined,
  streamEditMs: 50,
  voteEditMs: 50,
  editsPerMinute: 45,
  apiUrl: undefined,
};

let responses = 0;

export async function startSlackHarness(
  options: {
    narrator?: Narrator;
    /** The images model behind /scene picture (none: pictures are refused as without IMAGE_MODEL). */
    illustrator?: Illustrator;
    store?: EventStore;
    clock?: Clock;
    /** The adapter's own clock (its edit budget, caches), when it differs from the engine's. */
    adapterClock?: Clock;
    api?: FakeSlackApi;
    config?: Partial<SlackConfig>;
    commands?: readonly Command[];
    /** A new engine starts (as in main.ts) after the adapter listens; false to leave it to the test. */
    startEngine?: boolean;
  } = {},
): Promise<SlackHarness> {
  const api = options.api ?? (await startFakeSlackApi());
  const logs: SlackLogEntry[] = [];
  const logger: Logger = {
    debug: (obj, msg) => logs.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
  };
  const store = options.store ?? createKeyvEventStore(new Keyv());
  const clock = options.clock ?? systemClock;
  const engine = createStoryEngine({
    store,
    narrator: options.narrator ?? createOfflineNarrator(),
    clock,
    logger,
    illustrator: options.illustrator,
  });
  const adapter = await startSlackAdapter({
    config: { ...TEST_SLACK_CONFIG, ...options.config },
    engine,
    store,
    logger,
    clock: options.adapterClock ?? clock,
    slackApiUrl: api.url,
    host: '127.0.0.1',
    ...(options.commands ? { commands: options.commands } : {}),
  });
  if (options.startEngine !== false) await engine.start();
  const eventsUrl = `http://127.0.0.1:${adapter.address?.port}${EVENTS_PATH}`;
  const post = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(eventsUrl, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  };
  const responseUrl = () => {
    responses += 1;
    return api.responseUrl(`R${responses}`);
  };
  return {
    api,
    engine,
    store,
    adapter,
    logs,
    eventsUrl,
    post,
    slash(slash) {
      const body = slashCommandBody({ ...slash, responseUrl: slash.responseUrl ?? responseUrl() });
      return post(body, signedHeaders(body));
    },
    click(click) {
      const body = blockActionsBody({ ...click, responseUrl: click.responseUrl ?? responseUrl() });
      return post(body, signedHeaders(body));
    },
    idle: () => adapter.idle(),
    async close() {
      await adapter.stop();
      engine.stop();
      if (!options.api) await api.close();
    },
  };
}

/** Waits until the fake has seen what `condition` looks for (edits that follow a vote change come later). */
export async function waitForCalls(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for a Slack call');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Everything a call would show: its fallback text and its blocks. */
export const shownIn = (call: SlackCall | undefined): string =>
  `${String(call?.args.text ?? '')}\n${JSON.stringify(call?.args.blocks ?? [])}`;

/** The values of a message's buttons, in order. */
export function buttonsIn(call: SlackCall | undefined): { text: string; value: string }[] {
  const blocks = (call?.args.blocks ?? []) as {
    type: string;
    elements?: { text: { text: string }; value: string }[];
  }[];
  return blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .map((button) => ({ text: button.text.text, value: button.value }));
}
