// `npm run bench:load`: several storyroom processes (bench/load-worker.ts) on one Redis, then one PostgreSQL,
// serving the same rooms at once through the real engine, with the OpenAI-compatible narrator against the fake
// model server (300 ms to the first token, about 30 tokens/s). Every command goes to a process picked at
// random, as a load balancer would. Afterwards the store's event logs are checked: each vote's result equals a
// recount of its ballots, every acknowledged ballot is there exactly once, no beat is duplicated, no room is
// stuck. Prints throughput, p50/p99 per command and the conflict rate as JSON.
//
// The issue's full size is 200 rooms, 2,000 people, 50,000 ballots and 2,000 continues. LOAD_SCALE (default
// 0.1) scales all four, so the default run finishes in a few minutes on a 2-core machine; LOAD_PROCESSES
// (default 2) sets the processes; LOAD_BACKENDS (default "redis,postgres") the stores.
import { type ChildProcess, fork } from 'node:child_process';
import { createEventStore } from '../src/store/create-event-store.ts';
import type { StoryEvent } from '../src/story/events.ts';
import { roomIdOf } from '../src/story/room-id.ts';
import type { RoomRef } from '../src/story/types.ts';
import { DEFAULT_BEAT, startFakeOpenAiServer } from '../test/helpers/fake-openai-server.ts';
import type { WorkerReply, WorkerRequest } from './load-worker.ts';
import { percentile, round } from './stats.ts';

const SCALE = Number(process.env.LOAD_SCALE ?? 0.1);
const PROCESSES = Number(process.env.LOAD_PROCESSES ?? 2);
const ROOMS = Math.max(1, Math.round(200 * SCALE));
const PEOPLE = Math.max(ROOMS, Math.round(2_000 * SCALE));
const BALLOTS = Math.round(50_000 * SCALE);
const CONTINUES = Math.round(2_000 * SCALE);
const SERVERS: Record<string, string> = {
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
};
const BACKENDS = (process.env.LOAD_BACKENDS ?? 'redis,postgres').split(',').filter(Boolean);

type Op = Exclude<WorkerRequest['op'], 'stats' | 'stop'>;
type Req = WorkerRequest extends infer R ? (R extends { op: Op } ? Omit<R, 'id'> : never) : never;

interface Worker {
  child: ChildProcess;
  call(request: Omit<WorkerRequest, 'id'>): Promise<WorkerReply>;
}

function startWorker(storeUrl: string, modelUrl: string): Promise<Worker> {
  const child = fork(new URL('./load-worker.ts', import.meta.url), {
    env: { ...process.env, LOAD_STORE_URL: storeUrl, LOAD_MODEL_URL: modelUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: WorkerReply) => void>();
  let nextId = 1;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a load worker exited with ${code}`)));
    child.on('message', (reply: WorkerReply) => {
      if (reply.id === 0) {
        resolve({
          child,
          call(request) {
            const id = nextId++;
            return new Promise((done) => {
              waiting.set(id, done);
              child.send({ ...request, id });
            });
          },
        });
        return;
      }
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
  });
}

const shuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};

async function runBackend(backend: string, modelUrl: string) {
  const base = SERVERS[backend];
  if (!base) throw new Error(`unknown backend ${backend}`);
  const namespace = `load${Date.now().toString(36)}`;
  const storeUrl = `${base}${base.includes('?') ? '&' : '?'}namespace=${namespace}`;
  const workers = await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(storeUrl, modelUrl)));
  const latencies = new Map<string, number[]>();
  const outcomes = new Map<string, Record<string, number>>();
  const send = async (request: Req): Promise<WorkerReply> => {
    const worker = workers[Math.floor(Math.random() * workers.length)] as Worker;
    const reply = await worker.call(request);
    const key = reply.outcome === 'ok' ? 'ok' : `${reply.outcome}:${reply.code}`;
    const counts = outcomes.get(request.op) ?? {};
    counts[key] = (counts[key] ?? 0) + 1;
    outcomes.set(request.op, counts);
    if (reply.outcome === 'ok') latencies.set(request.op, [...(latencies.get(request.op) ?? []), reply.ms]);
    return reply;
  };

  const rooms: RoomRef[] = Array.from({ length: ROOMS }, (_, i) => ({
    platform: 'discord',
    workspaceId: `g${i % 10}`,
    channelId: `c${i}`,
  }));
  const peoplePerRoom = Math.max(1, Math.floor(PEOPLE / ROOMS));
  const votesPerRoom = Math.max(1, Math.round(BALLOTS / ROOMS / peoplePerRoom));
  const continuesPerRoom = Math.max(1, Math.round(CONTINUES / ROOMS));
  /** What the processes acknowledged, to find in the logs afterwards. */
  const acknowledged = {
    ballots: new Map<string, Map<string, number>>(), // roomId/voteId -> person -> option (0-based)
    beats: new Map<string, Set<string>>(), // roomId -> beat ids
  };

  const started = performance.now();
  await Promise.all(rooms.map((room) => send({ op: 'start', room })));
  await Promise.all(
    rooms.map(async (room, r) => {
      const people = Array.from({ length: peoplePerRoom }, (_, i) => `p${r}-${i}`);
      const beats = new Set<string>();
      acknowledged.beats.set(roomIdOf(room), beats);
      let continued = 0;
      for (let v = 0; v < votesPerRoom; v++) {
        const opened = await send({ op: 'open', room });
        if (opened.outcome !== 'ok') continue;
        const voteId = opened.result as string;
        const ballots = new Map<string, number>();
        acknowledged.ballots.set(`${roomIdOf(room)}/${voteId}`, ballots);
        await Promise.all(
          shuffle([...people]).map(async (person) => {
            const option = 1 + Math.floor(Math.random() * 3);
            const reply = await send({ op: 'cast', room, person, voteId, option });
            if (reply.outcome === 'ok') ballots.set(person, option - 1);
          }),
        );
        await send({ op: 'close', room });
        // The room's continues spread over its votes; two at once on different processes now and then, of
        // which the lease lets one through.
        const due = Math.round(((v + 1) * continuesPerRoom) / votesPerRoom) - continued;
        for (let c = 0; c < due; c++) {
          const twice = Math.random() < 0.1;
          const person = people[c % people.length] as string;
          const replies = await Promise.all(
            (twice ? [person, people[(c + 1) % people.length] as string] : [person]).map((who) =>
              send({ op: 'continue', room, person: who }),
            ),
          );
          for (const reply of replies) if (reply.outcome === 'ok') beats.add(reply.result as string);
          continued++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // No room stuck: each takes one more beat at once.
  const unstuck = await Promise.all(rooms.map((room) => send({ op: 'continue', room, person: 'last' })));
  for (const [i, reply] of unstuck.entries()) {
    if (reply.outcome === 'ok')
      acknowledged.beats.get(roomIdOf(rooms[i] as RoomRef))?.add(reply.result as string);
  }
  const conflicts = (
    await Promise.all(
      workers.map(async (worker) => (await worker.call({ op: 'stats' })).result as { conflicts: number }),
    )
  ).reduce((sum, stats) => sum + stats.conflicts, 0);
  await Promise.all(workers.map((worker) => worker.call({ op: 'stop' }).catch(() => undefined)));

  const problems = await checkLogs(storeUrl, rooms, acknowledged);
  problems.push(
    ...unstuck.flatMap((reply, i) =>
      reply.outcome === 'ok' ? [] : [`room ${roomIdOf(rooms[i] as RoomRef)} stuck: ${reply.code}`],
    ),
  );
  const commands = [...outcomes.values()].reduce(
    (sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0),
    0,
  );
  return {
    processes: PROCESSES,
    rooms: ROOMS,
    people: peoplePerRoom * ROOMS,
    votes: acknowledged.ballots.size,
    seconds: round(seconds, 1),
    commands_per_second: round(commands / seconds, 1),
    ballots_per_second: round((outcomes.get('cast')?.ok ?? 0) / seconds, 1),
    outcomes: Object.fromEntries(outcomes),
    latency_ms: Object.fromEntries(
      [...latencies].map(([op, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [op, { p50: round(percentile(sorted, 50), 1), p99: round(percentile(sorted, 99), 1) }];
      }),
    ),
    conflicts,
    conflicts_per_100_commands: round((100 * conflicts) / commands, 2),
    checks: problems.length === 0 ? 'passed' : { failed: problems.length, first: problems.slice(0, 10) },
  };
}

/** Reads every room's log back and holds it to what was acknowledged. */
async function checkLogs(
  storeUrl: string,
  rooms: RoomRef[],
  acknowledged: { ballots: Map<string, Map<string, number>>; beats: Map<string, Set<string>> },
): Promise<string[]> {
  const store = await createEventStore(storeUrl);
  const problems: string[] = [];
  try {
    for (const room of rooms) {
      const roomId = roomIdOf(room);
      const events = (await store.read(roomId, 1, await store.head(roomId))) as StoryEvent[];
      const votes = new Map<
        string,
        { ballots: Map<string, number>; casts: Map<string, number>; closes: number; result?: number[] }
      >();
      const beatIds = new Map<string, number>();
      const parents = new Map<string, number>();
      for (const event of events) {
        if (event.type === 'vote.opened')
          votes.set(event.voteId, { ballots: new Map(), casts: new Map(), closes: 0 });
        if (event.type === 'vote.cast' && event.actor.kind === 'user') {
          const vote = votes.get(event.voteId);
          if (!vote) problems.push(`${roomId}: ballot for unknown vote ${event.voteId}`);
          else if (vote.closes > 0) problems.push(`${roomId}: ballot after vote ${event.voteId} closed`);
          else {
            vote.ballots.set(event.actor.id, event.option);
            vote.casts.set(event.actor.id, (vote.casts.get(event.actor.id) ?? 0) + 1);
          }
        }
        if (event.type === 'vote.closed') {
          const vote = votes.get(event.voteId);
          if (vote) {
            vote.closes++;
            vote.result = event.result.tally;
          }
        }
        if (event.type === 'beat.added' && event.beat.author.kind === 'narrator') {
          beatIds.set(event.beat.id, (beatIds.get(event.beat.id) ?? 0) + 1);
          const parent = String(event.beat.parentId);
          parents.set(parent, (parents.get(parent) ?? 0) + 1);
        }
      }
      for (const [voteId, vote] of votes) {
        if (vote.closes !== 1) problems.push(`${roomId}: vote ${voteId} closed ${vote.closes} times`);
        const recount = [0, 0, 0];
        for (const option of vote.ballots.values()) recount[option] = (recount[option] ?? 0) + 1;
        if (JSON.stringify(recount) !== JSON.stringify(vote.result))
          problems.push(
            `${roomId}: vote ${voteId} result ${JSON.stringify(vote.result)} != recount ${JSON.stringify(recount)}`,
          );
        for (const [person, casts] of vote.casts)
          if (casts !== 1) problems.push(`${roomId}: ${person}'s ballot in ${voteId} stored ${casts} times`);
        for (const [person, option] of acknowledged.ballots.get(`${roomId}/${voteId}`) ?? []) {
          if (vote.ballots.get(person) !== option)
            problems.push(`${roomId}: ${person}'s acknowledged ballot in ${voteId} is missing`);
        }
      }
      const acked = acknowledged.beats.get(roomId) ?? new Set();
      for (const [id, count] of beatIds)
        if (count !== 1) problems.push(`${roomId}: beat ${id} stored ${count} times`);
      for (const [parent, count] of parents)
        if (count !== 1) problems.push(`${roomId}: ${count} beats follow ${parent} (no rewrites ran)`);
      for (const id of acked)
        if (!beatIds.has(id)) problems.push(`${roomId}: acknowledged beat ${id} is missing`);
      if (beatIds.size !== acked.size)
        problems.push(`${roomId}: ${beatIds.size} narrated beats stored, ${acked.size} acknowledged`);
      if (await store.readLease(roomId)) problems.push(`${roomId}: a beat lease is still held`);
    }
    const open = Object.keys(await store.openVotes()).filter((id) =>
      rooms.some((room) => roomIdOf(room) === id),
    );
    if (open.length > 0) problems.push(`${open.length} rooms still list an open vote`);
  } finally {
    await store.close();
  }
  return problems;
}

const model = await startFakeOpenAiServer();
// About 300 ms to the first token, then ~30 tokens/s (a chunk of 4 characters is about one token).
model.setDefault({
  kind: 'reply',
  content: DEFAULT_BEAT,
  firstTokenDelayMs: 300,
  chunkSize: 4,
  chunkDelayMs: 33,
});
const results: Record<string, unknown> = {
  scale: SCALE,
  issue_size: { rooms: 200, people: 2_000, ballots: 50_000, continues: 2_000 },
  this_run: { rooms: ROOMS, people: PEOPLE, ballots: BALLOTS, continues: CONTINUES, processes: PROCESSES },
};
try {
  for (const backend of BACKENDS) {
    try {
      results[backend] = await runBackend(backend, model.baseURL);
    } catch (error) {
      results[backend] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
} finally {
  await model.close();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
const failed = BACKENDS.some((backend) => {
  const figures = results[backend] as { checks?: unknown; error?: unknown };
  return figures.error !== undefined || figures.checks !== 'passed';
});
process.exitCode = failed ? 1 : 0;
