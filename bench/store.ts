// Event store throughput: single-event appends into one room, then one read of the whole log.
// Without a URL it measures SQLite on a temporary file. With a URL it writes into a fresh namespace there
// (STORE_URL syntax; its own ?namespace= is replaced) and clears that namespace afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEventStore, openKeyv, redactUrl } from '../src/store/create-event-store.ts';
import { SCHEMA_VERSION, type StoryEvent } from '../src/story/events.ts';

export interface StoreBenchFigures {
  store: string;
  appends: number;
  appendsPerSecond: number;
  /** Median time of one single-event append. */
  appendMedianMs: number;
  readEvents: number;
  readMs: number;
}

const EVENTS = 5_000;

export async function benchStore(url?: string): Promise<StoreBenchFigures> {
  const dir = url === undefined ? await mkdtemp(join(tmpdir(), 'storyroom-bench-')) : undefined;
  const namespace = `storyroom-bench-${randomUUID().slice(0, 8)}`;
  const base = url ?? `sqlite://${join(dir ?? '', 'bench.sqlite')}`;
  const target = withNamespace(base, namespace);
  const store = await createEventStore(target);
  try {
    const durations: number[] = [];
    const started = performance.now();
    for (let seq = 1; seq <= EVENTS; seq++) {
      const before = performance.now();
      await store.append('bench', [benchEvent(seq)]);
      durations.push(performance.now() - before);
    }
    const appendMs = performance.now() - started;

    const readStarted = performance.now();
    const events = await store.read('bench', 1, EVENTS);
    const readMs = performance.now() - readStarted;

    durations.sort((a, b) => a - b);
    return {
      store: redactUrl(base),
      appends: EVENTS,
      appendsPerSecond: Math.round((EVENTS / appendMs) * 1000),
      appendMedianMs: round(durations[Math.floor(durations.length / 2)] ?? 0),
      readEvents: events.length,
      readMs: round(readMs),
    };
  } finally {
    await store.close();
    if (dir) {
      await rm(dir, { recursive: true, force: true });
    } else {
      const keyv = openKeyv(target);
      await keyv.clear();
      await keyv.disconnect();
    }
  }
}

function withNamespace(url: string, namespace: string): string {
  const [head, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set('namespace', namespace);
  return `${head}?${params}`;
}

function benchEvent(seq: number): StoryEvent {
  return {
    v: SCHEMA_VERSION,
    seq,
    at: new Date(Date.UTC(2025, 0, 1) + seq * 1000).toISOString(),
    actor: { kind: 'user', id: 'u1', name: 'Ada' },
    type: 'canon.added',
    id: `canon-${seq}`,
    text: 'The lighthouse keeper never speaks of the night the lamp went dark. '.repeat(3),
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
