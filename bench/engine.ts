// Engine figures on the embedded default store (SQLite file): command latency with the offline narrator,
// ballots recorded per second into one room, and the load time of a 5,000-beat room.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CommandContext } from '../src/commands/command.ts';
import { commands } from '../src/commands/index.ts';
import { findCommand, runCommand } from '../src/commands/run-command.ts';
import { createOfflineNarrator } from '../src/llm/offline-narrator.ts';
import { silentLogger } from '../src/logger.ts';
import { createEventStore } from '../src/store/create-event-store.ts';
import { systemClock } from '../src/story/clock.ts';
import { createStoryEngine, type StoryEngine } from '../src/story/engine.ts';
import type { Actor, RoomRef } from '../src/story/types.ts';
import { percentile, round } from './stats.ts';

const mod: Actor = { id: 'mod', name: 'Mo', role: 'moderator' };
const WARM_UP = 300;
const LOAD_SAMPLES = 7;

/** An engine on the offline narrator over the store at `url`, stopped and closed after `fn`. */
export async function withEngine<T>(url: string, fn: (engine: StoryEngine) => Promise<T>) {
  const store = await createEventStore(url);
  const engine = createStoryEngine({
    store,
    narrator: createOfflineNarrator(),
    clock: systemClock,
    logger: silentLogger,
  });
  try {
    return await fn(engine);
  } finally {
    engine.stop();
    await store.close();
  }
}

async function commandLatency(url: string, rounds: number) {
  return withEngine(url, async (engine) => {
    const room: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: 'latency' };
    const ctx = (actor: Actor): CommandContext => ({ engine, room, actor, commands });
    const run = (name: string, actor: Actor, raw: Record<string, unknown>) =>
      runCommand(findCommand(commands, name) as NonNullable<ReturnType<typeof findCommand>>, ctx(actor), raw);
    await run('scene start', mod, { title: 'Bench', heading: 'INT. LAB - NIGHT' });
    await run('character add', mod, { name: 'Ada' });
    await run('character add', mod, { name: 'Bo' });
    const mix: [string, Record<string, unknown>][] = [
      ['scene continue', {}],
      ['say', { character: 'Ada', text: 'We need more data.' }],
      ['action', { text: 'The centrifuge whines.' }],
      ['line', { character: 'Bo' }],
      ['character list', {}],
      ['scene continue', { direction: 'the power fails' }],
    ];
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + rounds; i++) {
      const [name, raw] = mix[i % mix.length] as [string, Record<string, unknown>];
      const started = performance.now();
      await run(name, mod, raw);
      if (i >= WARM_UP) samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const p99 = round(percentile(samples, 99));
    return {
      commands: rounds,
      warm_up: WARM_UP,
      p50_ms: round(percentile(samples, 50)),
      p99_ms: p99,
      target: 'p99 < 5 ms',
      meets_target: p99 < 5,
    };
  });
}

async function votesPerSecond(url: string, ballots: number) {
  return withEngine(url, async (engine) => {
    const room: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: 'votes' };
    await engine.startStory(room, mod, { title: 'Votes' });
    await engine.openVote(room, mod, { options: ['A', 'B', 'C'], durationMs: 60 * 60 * 1000 });
    const voters: Actor[] = Array.from({ length: ballots }, (_, i) => ({
      id: `v${i}`,
      name: `V${i}`,
      role: 'audience',
    }));
    const started = performance.now();
    await Promise.all(voters.map((voter, i) => engine.castVote(room, voter, { option: (i % 3) + 1 })));
    const seconds = (performance.now() - started) / 1000;
    const vote = await engine.voteStatus(room);
    const recorded = Object.keys(vote.ballots).length;
    const perSecond = Math.round(ballots / seconds);
    return {
      ballots,
      recorded,
      votes_per_second: perSecond,
      target: '>= 5,000 votes/s, every ballot recorded',
      meets_target: perSecond >= 5000 && recorded === ballots,
    };
  });
}

async function loadTime(url: string, beats: number) {
  const room: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: 'big' };
  await withEngine(url, async (engine) => {
    await engine.startStory(room, mod, { title: 'Long', heading: 'INT. HALL - DAY' });
    await engine.addCharacter(room, mod, { name: 'Ada' });
    for (let i = 0; i < beats; i++) {
      if (i % 2 === 0)
        await engine.action(room, mod, { text: `Beat ${i}: something happens in the hall, at length.` });
      else await engine.say(room, mod, { character: 'Ada', text: `Line ${i}, said with feeling.` });
    }
  });
  // Each sample is a fresh engine and store, as after a restart; the first also pays for a cold JIT.
  const samples: number[] = [];
  let loaded = 0;
  for (let i = 0; i < LOAD_SAMPLES; i++) {
    await withEngine(url, async (engine) => {
      const started = performance.now();
      const state = await engine.room(room);
      samples.push(performance.now() - started);
      loaded = Object.keys(state.beats).length;
    });
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = round(percentile(sorted, 50));
  return {
    beats: loaded,
    load_ms: median,
    samples_ms: samples.map((ms) => round(ms)),
    target: 'median < 200 ms',
    meets_target: median < 200,
  };
}

export async function benchEngine() {
  const dir = mkdtempSync(join(tmpdir(), 'storyroom-bench-'));
  try {
    const url = `sqlite://${join(dir, 'bench.sqlite')}`;
    return {
      store: 'sqlite',
      command_latency: await commandLatency(url, 3000),
      votes: await votesPerSecond(url, 20_000),
      room_load: await loadTime(url, 5000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
