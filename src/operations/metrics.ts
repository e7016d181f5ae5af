// What an operator watches, in Prometheus's terms: one registry per process (no prom-client globals), fed by
// hooks main.ts passes to the commands, the narrator and the engine, plus Node's default process metrics
// (event-loop lag, memory, CPU, handles).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How a command ended: it answered, it refused with a message for the person, or it failed unexpectedly. */
export type CommandOutcome = 'ok' | 'refused' | 'failed';

/** A room counts as active while it had a command within this long. */
export const ACTIVE_ROOM_WINDOW_MS = 15 * 60_000;

export interface MetricsSources {
  /** Rooms with an open vote, in the store (shared by every process). */
  openVotes(): Promise<number>;
  now?: () => number;
}

export interface Metrics {
  readonly registry: Registry;
  commandDone(command: string, roomId: string, outcome: CommandOutcome, seconds: number): void;
  /** One request to a model server; `fault` is the fault kind when it failed. */
  narratorRequest(request: {
    model: string;
    fault?: string | undefined;
    usage?: { promptTokens: number; completionTokens: number } | undefined;
  }): void;
  /** A room change lost the race to another process and runs again on the reloaded room. */
  storeConflict(): void;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const now = sources.now ?? Date.now;
  collectDefaultMetrics({ register: registry });

  const commands = new Counter({
    name: 'storyroom_commands_total',
    help: 'Commands run, by command and outcome (ok, refused: a message for the person, failed: unexpected).',
    labelNames: ['command', 'outcome'],
    registers,
  });
  const latency = new Histogram({
    name: 'storyroom_command_duration_seconds',
    help: 'Time from a command reaching storyroom to its reply, by command (narrated ones include the model).',
    labelNames: ['command'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers,
  });
  const requests = new Counter({
    name: 'storyroom_narrator_requests_total',
    help: 'Requests to model servers, by model and outcome (ok or the fault kind).',
    labelNames: ['model', 'outcome'],
    registers,
  });
  const tokens = new Counter({
    name: 'storyroom_narrator_tokens_total',
    help: 'Tokens the model servers reported, by model and kind (prompt, completion).',
    labelNames: ['model', 'kind'],
    registers,
  });
  const errors = new Counter({
    name: 'storyroom_narrator_errors_total',
    help: 'Failed requests to model servers, by model and fault (timeouts, rate limits, server errors, …).',
    labelNames: ['model', 'fault'],
    registers,
  });
  const conflicts = new Counter({
    name: 'storyroom_store_conflicts_total',
    help: 'Room changes that lost the race to another process and were retried on the reloaded room.',
    registers,
  });

  const lastSeen = new Map<string, number>();
  new Gauge({
    name: 'storyroom_active_rooms',
    help: `Rooms this process ran a command in within the last ${ACTIVE_ROOM_WINDOW_MS / 60_000} minutes.`,
    registers,
    collect() {
      const since = now() - ACTIVE_ROOM_WINDOW_MS;
      for (const [roomId, at] of lastSeen) if (at < since) lastSeen.delete(roomId);
      this.set(lastSeen.size);
    },
  });
  new Gauge({
    name: 'storyroom_open_votes',
    help: 'Rooms with an open vote, as the store holds them (the same figure on every process).',
    registers,
    async collect() {
      this.set(await sources.openVotes());
    },
  });

  return {
    registry,
    commandDone(command, roomId, outcome, seconds) {
      commands.inc({ command, outcome });
      latency.observe({ command }, seconds);
      lastSeen.set(roomId, now());
    },
    narratorRequest({ model, fault, usage }) {
      requests.inc({ model, outcome: fault ?? 'ok' });
      if (fault) errors.inc({ model, fault });
      if (usage) {
        tokens.inc({ model, kind: 'prompt' }, usage.promptTokens);
        tokens.inc({ model, kind: 'completion' }, usage.completionTokens);
      }
    },
    storeConflict() {
      conflicts.inc();
    },
  };
}
