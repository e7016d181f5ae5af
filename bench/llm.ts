// Narrator figures: prompt growth over a 1,000-beat story, recall of planted facts against a plain
// last-N window of the same size, prefix reuse between consecutive prompts, and the time spent per
// generation outside the model (the LLM narrator against the local fake server, which answers at once).

import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { llmConfigSchema } from '../src/llm/llm-config.ts';
import { beatTask } from '../src/llm/narration-tasks.ts';
import { offlineSummary } from '../src/llm/offline-tools.ts';
import { createOpenAiNarrator } from '../src/llm/openai-narrator.ts';
import { type AssembledPrompt, assemblePrompt } from '../src/llm/prompt/assemble-prompt.ts';
import { summaryDue } from '../src/llm/prompt/memory-plan.ts';
import { renderBeat } from '../src/llm/prompt/render-beats.ts';
import { systemPrompt } from '../src/llm/prompt/system-prompt.ts';
import { estimateTokens } from '../src/llm/prompt/token-estimate.ts';
import { silentLogger } from '../src/logger.ts';
import type { StoryEvent } from '../src/story/events.ts';
import { applyEvent } from '../src/story/reduce.ts';
import { canonicalPath } from '../src/story/tree.ts';
import type { RoomState } from '../src/story/types.ts';
import { DEFAULT_BEAT } from '../test/helpers/fake-openai-server.ts';
import { type GeneratedStory, generateStory } from './llm-story.ts';
import { percentile, round } from './stats.ts';

const BUDGET = { contextTokens: 8192, maxReplyTokens: 1024 };
const STEADY_DIRECTION = 'Something unexpected happens';
const DIRECTIONS = [
  'The lights go out',
  'Someone lies',
  'Vera makes a choice',
  'A stranger knocks',
  'The plan changes',
  'Sam panics',
];

const promptOf = (room: RoomState, direction: string) =>
  assemblePrompt(room, beatTask({ room, direction }), BUDGET);
const fullText = (prompt: AssembledPrompt) => prompt.messages.map((m) => m.content).join('\n');

/** Folds due beats into the summary the way the engine's trigger will (the offline narrator's summary). */
function keepSummaryUpToDate(room: RoomState) {
  for (let plan = summaryDue(room); plan; plan = summaryDue(room)) {
    const text = offlineSummary({ room, previous: plan.previous, beats: plan.beats });
    const event = {
      type: 'summary.updated',
      text,
      throughBeatId: plan.throughBeatId,
      beatCount: plan.beatCount,
    };
    applyEvent(room, {
      ...event,
      v: 2,
      seq: room.seq + 1,
      at: '2026-01-01T00:00:00.000Z',
      actor: { kind: 'system' },
    } as StoryEvent);
  }
}

/** A plain window: the system prompt, the direction and as many of the latest beats as fit in `tokens`. */
function lastNWindow(room: RoomState, direction: string, tokens: number): string {
  const fixed = `${systemPrompt(room.story)}\n${direction}`;
  let used = estimateTokens(fixed);
  const beats: string[] = [];
  const path = canonicalPath(room);
  for (let i = path.length - 1; i >= 0; i--) {
    const rendered = renderBeat(path[i] as NonNullable<(typeof path)[number]>, room);
    if (used + rendered.tokens > tokens) break;
    used += rendered.tokens;
    beats.unshift(rendered.text);
  }
  return `${fixed}\n${beats.join('\n\n')}`;
}

function commonPrefixShare(previous: string, current: string): number {
  let i = 0;
  const max = Math.min(previous.length, current.length);
  while (i < max && previous.charCodeAt(i) === current.charCodeAt(i)) i++;
  return estimateTokens(current.slice(0, i)) / Math.max(1, estimateTokens(current));
}

function longStoryFigures() {
  const story: GeneratedStory = generateStory({ beats: 1000 });
  const tokensAt = new Map<number, number>();
  let maxTokens = 0;
  const recall = {
    hits: 0,
    windowHits: 0,
    total: 0,
    byKind: {} as Record<string, { hits: number; total: number }>,
  };
  for (let n = 1; n <= 1000; n++) {
    // The prompt for beat n is assembled when n - 1 beats exist.
    keepSummaryUpToDate(story.room);
    const prompt = promptOf(story.room, STEADY_DIRECTION);
    tokensAt.set(n, prompt.tokens);
    maxTokens = Math.max(maxTokens, prompt.tokens);
    for (const fact of story.facts.filter((f) => f.askedAt === n && f.plantedAt < n)) {
      const asked = promptOf(story.room, fact.direction);
      const needle = fact.needle.toLowerCase();
      const hit = fullText(asked).toLowerCase().includes(needle);
      const windowHit = lastNWindow(story.room, fact.direction, asked.tokens).toLowerCase().includes(needle);
      recall.total++;
      recall.hits += hit ? 1 : 0;
      recall.windowHits += windowHit ? 1 : 0;
      const kind = recall.byKind[fact.kind] ?? { hits: 0, total: 0 };
      recall.byKind[fact.kind] = kind;
      kind.total++;
      kind.hits += hit ? 1 : 0;
    }
    story.addBeat(n);
  }
  const at50 = tokensAt.get(50) ?? 0;
  const at1000 = tokensAt.get(1000) ?? 0;
  const share = recall.hits / recall.total;
  const windowShare = recall.windowHits / recall.total;
  return {
    room: story.room,
    promptGrowth: {
      tokensAtBeat50: at50,
      tokensAtBeat1000: at1000,
      ratio: round(at1000 / at50),
      target: '<= 1.2',
      maxTokensOver1000Beats: maxTokens,
      budgetTokens: BUDGET.contextTokens - BUDGET.maxReplyTokens,
    },
    recall: {
      facts: recall.total,
      assembled: round(share),
      lastNWindow: round(windowShare),
      timesWindow: windowShare > 0 ? round(share / windowShare, 2) : null,
      byKind: Object.fromEntries(Object.entries(recall.byKind).map(([k, v]) => [k, round(v.hits / v.total)])),
      target: '>= 0.9 and >= 3x the window',
    },
  };
}

function prefixReuse(beats: number) {
  const story = generateStory({ beats, seed: 11 });
  const shares: number[] = [];
  let previous: string | undefined;
  for (let n = 1; n <= beats; n++) {
    keepSummaryUpToDate(story.room);
    const current = fullText(promptOf(story.room, DIRECTIONS[n % DIRECTIONS.length] as string));
    if (previous !== undefined) shares.push(commonPrefixShare(previous, current));
    previous = current;
    story.addBeat(n);
  }
  shares.sort((a, b) => a - b);
  return {
    beats,
    median: round(percentile(shares, 50)),
    p10: round(percentile(shares, 10)),
    target: 'median >= 0.8',
  };
}

/**
 * The fake server in its own process, as a real model server would be, so its work and garbage collection
 * do not share the measured process.
 */
async function serverInProcess(): Promise<{ baseURL: string; stop(): Promise<void> }> {
  const url = new URL('../test/helpers/fake-openai-server.ts', import.meta.url).href;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(url)});
      const server = await m.startFakeOpenAiServer();
      server.setDefault({ kind: 'reply', content: m.DEFAULT_BEAT, chunkSize: 1000 });
      process.stdout.write(server.baseURL + '\\n');
      process.stdin.on('end', () => server.close().then(() => process.exit(0)));
      process.stdin.resume();`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const baseURL = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  return {
    baseURL,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}

/** A canned vLLM-style stream, returned at once without a socket: only the bot's own work is left. */
function cannedFetch(): typeof fetch {
  const chunk = (body: object) =>
    `data: ${JSON.stringify({ id: 'bench', object: 'chat.completion.chunk', created: 0, model: 'bench', ...body })}\n\n`;
  const sse = [
    chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
    chunk({ choices: [{ index: 0, delta: { content: JSON.stringify(DEFAULT_BEAT) }, finish_reason: null }] }),
    chunk({ choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop' }] }),
    chunk({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }),
    'data: [DONE]\n\n',
  ].join('');
  return async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
}

async function timeGenerations(
  room: RoomState,
  baseURL: string,
  generations: number,
  fetchFn?: typeof fetch,
) {
  const config = llmConfigSchema.parse({ LLM_BASE_URL: baseURL, LLM_MODEL: 'bench', LLM_SERVER: 'vllm' });
  const narrator = createOpenAiNarrator(config, { logger: silentLogger, fetch: fetchFn });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < generations + 20; i++) {
    const direction = DIRECTIONS[i % DIRECTIONS.length] as string;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await narrator.writeBeat({ room, direction }, { onText: () => {} });
    const used = process.cpuUsage(cpuStarted);
    if (i < 20) continue; // warm-up
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(wall, 50)),
    p99Ms: round(percentile(wall, 99)),
    cpuP50Ms: round(percentile(cpu, 50)),
    cpuP99Ms: round(percentile(cpu, 99)),
  };
}

/** The same exchange with a bare fetch: what the socket and HTTP stack cost without any of the bot's work. */
async function timeBareFetch(room: RoomState, baseURL: string, generations: number) {
  const body = JSON.stringify({ model: 'bench', stream: true, messages: promptOf(room, 'x').messages });
  const wall: number[] = [];
  for (let i = 0; i < generations + 20; i++) {
    const started = performance.now();
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.text();
    if (i >= 20) wall.push(performance.now() - started);
  }
  wall.sort((a, b) => a - b);
  return { p50Ms: round(percentile(wall, 50)), p99Ms: round(percentile(wall, 99)) };
}

async function overhead(room: RoomState, generations: number) {
  const server = await serverInProcess();
  try {
    const loopbackBareFetch = await timeBareFetch(room, server.baseURL, generations);
    const loopback = await timeGenerations(room, server.baseURL, generations);
    const inProcess = await timeGenerations(room, 'http://bench.invalid/v1', generations, cannedFetch());
    const assembly: number[] = [];
    for (let i = 0; i < generations; i++) {
      const started = performance.now();
      promptOf(room, DIRECTIONS[i % DIRECTIONS.length] as string);
      assembly.push(performance.now() - started);
    }
    assembly.sort((a, b) => a - b);
    return {
      // The headline: the bot's own work per generation (prompt assembly, request, SSE parsing, validation),
      // with the model's reply handed over at once. The loopback figures add the HTTP stack and socket.
      botP99Ms: inProcess.p99Ms,
      generations,
      storyBeats: canonicalPath(room).length,
      loopback,
      loopbackBareFetch,
      inProcess,
      promptAssemblyP50Ms: round(percentile(assembly, 50)),
      promptAssemblyP99Ms: round(percentile(assembly, 99)),
      loadAverage: os.loadavg().map((value) => round(value, 2)),
      note: 'writeBeat on a 1,000-beat story. loopback: the fake server (own process, like a real model server) over a socket, answering at once; loopbackBareFetch: the same request as a bare fetch, no bot code; inProcess: a canned stream, no socket. cpu figures are the bot process only. Wall-clock tails depend on machine load (loadAverage: 1/5/15 min).',
      target: 'p99 < 5 ms',
    };
  } finally {
    await server.stop();
  }
}

/** The deterministic figures (no timing): prompt growth, recall and prefix reuse. */
export function memoryFigures() {
  const { room, ...long } = longStoryFigures();
  return { room, figures: { ...long, prefixReuse: prefixReuse(200) } };
}

export async function benchLlm() {
  const { room, figures } = memoryFigures();
  return { ...figures, overhead: await overhead(room, 1000) };
}
