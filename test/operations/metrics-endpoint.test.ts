// The operator's endpoint over loopback: health, readiness and the Prometheus exposition, fed by the same
// hooks main.ts wires (counted commands, the model servers' requests, the registry's conflicts).
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { findCommand, runCommand } from '../../src/commands/run-command.ts';
import { createOpenAiNarrator } from '../../src/llm/openai-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { instrumentCommands } from '../../src/operations/instrument-commands.ts';
import { createMetrics, type Metrics } from '../../src/operations/metrics.ts';
import { type MetricsServer, startMetricsServer } from '../../src/operations/metrics-server.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { DEFAULT_BEAT, startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { createRecordingNarrator } from '../helpers/recording-narrator.ts';
import { alice, mod, room } from '../helpers/story-fixture.ts';
import { llmConfig, sampleRoom } from '../llm/fixtures.ts';

/** Samples of a Prometheus text exposition: `name{a="x",b="y"} value` -> { name, labels, value }. */
function parseExposition(text: string) {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type?.[1] && type[2]) types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || match[3] === undefined) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = pair[2] as string;
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  return { samples, types, value };
}

const opened: MetricsServer[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) await server.close();
});

async function serve(metrics: Metrics, checks: Record<string, () => Promise<boolean> | boolean> = {}) {
  const server = await startMetricsServer({
    port: 0,
    host: '127.0.0.1',
    metrics,
    checks,
    logger: silentLogger,
  });
  opened.push(server);
  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);
  return { server, get };
}

describe('metrics endpoint', () => {
  it('answers /healthz while the process runs, and 404 elsewhere', async () => {
    const { get } = await serve(createMetrics({ openVotes: async () => 0 }));
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    expect((await get('/nope')).status).toBe(404);
  });

  it('is ready only while every check passes, naming the one that fails', async () => {
    let storeUp = true;
    const { get } = await serve(createMetrics({ openVotes: async () => 0 }), {
      store: async () => {
        if (!storeUp) throw new Error('connection refused');
        return true;
      },
      platform: () => true,
    });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { store: true, platform: true } });

    storeUp = false;
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, checks: { store: false, platform: true } });
  });

  it('exposes commands by name and outcome with latency, open votes, active rooms, conflicts and process metrics', async () => {
    const store = createKeyvEventStore(new Keyv());
    const metrics = createMetrics({ openVotes: async () => Object.keys(await store.openVotes()).length });
    const engine = createStoryEngine({
      store,
      narrator: createRecordingNarrator(),
      clock: createFakeClock(),
      logger: silentLogger,
      onConflict: () => metrics.storeConflict(),
    });
    const counted = instrumentCommands(commands, metrics);
    const run = (name: string, actor = mod, raw: Record<string, unknown> = {}) => {
      const command = findCommand(counted, name);
      if (!command) throw new Error(name);
      return runCommand(command, { engine, room, actor, commands: counted }, raw);
    };
    await run('scene start', mod, { title: 'The Heist', heading: 'INT. DINER - NIGHT' });
    await run('scene continue', alice);
    await run('vote open', mod, { option1: 'Run', option2: 'Hide' });
    await expect(run('scene start', mod, { title: 'Again' })).rejects.toThrow(); // one story per room
    metrics.storeConflict();

    const { get } = await serve(metrics);
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const exposition = parseExposition(await response.text());

    expect(exposition.value('storyroom_commands_total', { command: 'scene start', outcome: 'ok' })).toBe(1);
    expect(exposition.value('storyroom_commands_total', { command: 'scene start', outcome: 'refused' })).toBe(
      1,
    );
    expect(exposition.value('storyroom_commands_total', { command: 'scene continue', outcome: 'ok' })).toBe(
      1,
    );
    expect(exposition.types.get('storyroom_command_duration_seconds')).toBe('histogram');
    expect(exposition.value('storyroom_command_duration_seconds_count', { command: 'scene continue' })).toBe(
      1,
    );
    expect(
      exposition.value('storyroom_command_duration_seconds_bucket', {
        command: 'scene continue',
        le: '+Inf',
      }),
    ).toBe(1);
    expect(exposition.value('storyroom_open_votes')).toBe(1);
    expect(exposition.value('storyroom_active_rooms')).toBe(1);
    expect(exposition.value('storyroom_store_conflicts_total')).toBe(1);
    // Node's defaults: event-loop lag, memory, CPU.
    expect(exposition.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(exposition.types.get('process_cpu_seconds_total')).toBe('counter');
    expect(exposition.types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
  });

  it('counts each request to a model server by model and fault, with the tokens it reported', async () => {
    const server = await startFakeOpenAiServer();
    try {
      const metrics = createMetrics({ openVotes: async () => 0 });
      const narrator = createOpenAiNarrator(llmConfig(server.baseURL), {
        logger: silentLogger,
        random: () => 0.5,
        sleep: async () => undefined,
        onRequest: (request) => metrics.narratorRequest(request),
      });
      server.enqueue(
        { kind: 'status', status: 503 },
        { kind: 'reply', content: DEFAULT_BEAT, usage: { prompt_tokens: 300, completion_tokens: 25 } },
      );
      await narrator.writeBeat({ room: sampleRoom() });

      const { get } = await serve(metrics);
      const exposition = parseExposition(await (await get('/metrics')).text());
      const model = { model: 'fake-model' };
      expect(exposition.value('storyroom_narrator_requests_total', { ...model, outcome: 'ok' })).toBe(1);
      expect(
        exposition.value('storyroom_narrator_requests_total', { ...model, outcome: 'server-error' }),
      ).toBe(1);
      expect(exposition.value('storyroom_narrator_errors_total', { ...model, fault: 'server-error' })).toBe(
        1,
      );
      expect(exposition.value('storyroom_narrator_tokens_total', { ...model, kind: 'prompt' })).toBe(300);
      expect(exposition.value('storyroom_narrator_tokens_total', { ...model, kind: 'completion' })).toBe(25);
    } finally {
      await server.close();
    }
  });
});
