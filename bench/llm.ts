// Narrator figures: prompt growth over a 1,000-beat story, recall of facts planted early and asked about late
// against a plain last-N window given the whole prompt budget, prefix reuse between consecutive prompts, and
// the bot's own CPU time per generation (the LLM narrator against the local fake server, which answers at once).
// The first three again with the story craft present (a 2,000-character style sample, and audience reactions
// once they exist), added as events to the same room state the prompt is assembled from (CraftEvents).

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
import { estimateMessagesTokens, estimateTokens } from '../src/llm/prompt/token-estimate.ts';
import { silentLogger } from '../src/logger.ts';
import { type EventBody, SCHEMA_VERSION, type StoryEvent } from '../src/story/events.ts';
import { applyEvent } from '../src/story/reduce.ts';
import { canonicalPath } from '../src/story/tree.ts';
import type { RoomState } from '../src/story/types.ts';
import { type GeneratedStory, generateStory } from './llm-story.ts';
import { percentile, round } from './stats.ts';
import { STYLE_SAMPLES } from './style-samples.ts';

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

/**
 * Events the story craft adds to a room, applied to the room state the prompt is assembled from: `before`
 * once the cast is in (the room's style), `afterBeat` after each beat (audience reactions to it).
 */
export interface CraftEvents {
  before: EventBody[];
  afterBeat?: ((room: RoomState, beat: number) => EventBody[]) | undefined;
}

/** A 2,000-character style sample (the largest /style set takes) with notes. */
const english = STYLE_SAMPLES.filter((s) => s.language === 'en').map((s) => s.text);
const sample = [...english, ...english].join('\n\n').slice(0, 2000).trimEnd();
/** An audience of 12 reacting to every beat: a few praise it, some are bored, one or two push back. */
const AUDIENCE = Array.from({ length: 12 }, (_, i) => ({
  kind: 'user' as const,
  id: `fan${i}`,
  name: `Fan ${i}`,
}));
const REACTIONS = ['👍', '🔥', '❤️', '😂', '😴', '👎', '😮'] as const;

export const WITH_STYLE: CraftEvents = {
  before: [
    { type: 'style.set', style: { sample, notes: 'Long sentences in narration, short ones in dialogue.' } },
  ],
  // Audience reactions (issue 13, point 3) on every new beat: the prompt's reception line is measured through
  // the same assembly as everything else, so prompt growth and prefix reuse count it.
  afterBeat: (room, beat) => {
    const beatId = room.headId;
    if (!beatId) return [];
    const reactions: CraftBody[] = [];
    for (let i = 0; i < 2 + (beat % 5); i++) {
      const actor = AUDIENCE[(beat * 7 + i * 5) % AUDIENCE.length] ?? AUDIENCE[0];
      const emoji = REACTIONS[(beat * 3 + i) % REACTIONS.length] ?? '👍';
      reactions.push({ type: 'reaction.added', beatId, emoji, actor } as CraftBody);
    }
    return reactions;
  },
};

/** An event body, optionally with who made it (the audience); the moderator otherwise. */
type CraftBody = EventBody & { actor?: StoryEvent['actor'] };

function applyCraft(room: RoomState, bodies: readonly CraftBody[]) {
  for (const body of bodies) {
    applyEvent(room, {
      ...body,
      v: SCHEMA_VERSION,
      seq: room.seq + 1,
      at: '2026-01-01T00:00:00.000Z',
      actor: (body as CraftBody).actor ?? { kind: 'user', id: 'mod', name: 'Mo' },
    } as StoryEvent);
  }
}

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

/**
 * A plain "last N messages" window: the same system prompt, then the direction and as many of the latest
 * beats as fit in `tokens` (counted the way the assembled prompt is).
 */
function lastNWindow(room: RoomState, direction: string, tokens: number): { text: string; beats: number } {
  const system = systemPrompt(room.story);
  const head = `DIRECTION FROM THE GROUP\n${direction}\n\nRECENT BEATS (oldest first)\n`;
  let used = estimateMessagesTokens([{ content: system }, { content: head }]);
  const beats: string[] = [];
  const path = canonicalPath(room);
  for (let i = path.length - 1; i >= 0; i--) {
    const rendered = renderBeat(path[i] as NonNullable<(typeof path)[number]>, room);
    if (used + rendered.tokens > tokens) break;
    used += rendered.tokens;
    beats.unshift(rendered.text);
  }
  return { text: `${system}\n${head}${beats.join('\n\n')}`, beats: beats.length };
}

function commonPrefixShare(previous: string, current: string): number {
  let i = 0;
  const max = Math.min(previous.length, current.length);
  while (i < max && previous.charCodeAt(i) === current.charCodeAt(i)) i++;
  return estimateTokens(current.slice(0, i)) / Math.max(1, estimateTokens(current));
}

interface Tally {
  hits: number;
  total: number;
  byKind: Record<string, { hits: number; total: number }>;
}

const tally = (): Tally => ({ hits: 0, total: 0, byKind: {} });

function count(into: Tally, kind: string, hit: boolean) {
  const byKind = into.byKind[kind] ?? { hits: 0, total: 0 };
  into.byKind[kind] = byKind;
  into.total++;
  byKind.total++;
  into.hits += hit ? 1 : 0;
  byKind.hits += hit ? 1 : 0;
}

function recallOf(of: Tally) {
  return {
    share: round(of.hits / of.total),
    byKind: Object.fromEntries(Object.entries(of.byKind).map(([k, v]) => [k, round(v.hits / v.total)])),
  };
}

function longStoryFigures(craft?: CraftEvents) {
  const beats = 1000;
  const story: GeneratedStory = generateStory({ beats });
  if (craft) applyCraft(story.room, craft.before);
  const promptBudget = BUDGET.contextTokens - BUDGET.maxReplyTokens;
  const tokensAt = new Map<number, number>();
  let maxTokens = 0;
  const assembled = tally();
  const fullWindow = tally();
  const sameSizeWindow = tally();
  let askedPromptTokens = 0;
  let windowBeats = Number.POSITIVE_INFINITY;
  let nearestFact = Number.POSITIVE_INFINITY;
  for (let n = 1; n <= beats; n++) {
    // The prompt for beat n is assembled when n - 1 beats exist.
    keepSummaryUpToDate(story.room);
    const prompt = promptOf(story.room, STEADY_DIRECTION);
    tokensAt.set(n, prompt.tokens);
    maxTokens = Math.max(maxTokens, prompt.tokens);
    for (const fact of story.facts.filter((f) => f.askedAt === n && f.plantedAt < n)) {
      const asked = promptOf(story.room, fact.direction);
      askedPromptTokens = Math.max(askedPromptTokens, asked.tokens);
      const has = (text: string) => text.toLowerCase().includes(fact.needle.toLowerCase());
      count(assembled, fact.kind, has(fullText(asked)));
      const window = lastNWindow(story.room, fact.direction, promptBudget);
      windowBeats = Math.min(windowBeats, window.beats);
      nearestFact = Math.min(nearestFact, n - 1 - fact.plantedAt);
      count(fullWindow, fact.kind, has(window.text));
      count(sameSizeWindow, fact.kind, has(lastNWindow(story.room, fact.direction, asked.tokens).text));
    }
    story.addBeat(n);
    if (craft?.afterBeat) applyCraft(story.room, craft.afterBeat(story.room, n));
  }
  const at50 = tokensAt.get(50) ?? 0;
  const at1000 = tokensAt.get(1000) ?? 0;
  const share = assembled.hits / assembled.total;
  const windowShare = fullWindow.hits / fullWindow.total;
  const plantedBy = Math.max(...story.facts.map((f) => f.plantedAt));
  const askedFrom = Math.min(...story.facts.map((f) => f.askedAt));
  return {
    promptGrowth: {
      tokensAtBeat50: at50,
      tokensAtBeat1000: at1000,
      ratio: round(at1000 / at50),
      target: '<= 1.2',
      meetsTarget: at1000 / at50 <= 1.2,
      maxTokensOver1000Beats: maxTokens,
      budgetTokens: promptBudget,
    },
    recall: {
      facts: assembled.total,
      plantedByBeat: plantedBy,
      askedFromBeat: askedFrom,
      fewestBeatsBetweenFactAndQuestion: nearestFact,
      assembled: recallOf(assembled),
      // The baseline the target compares with: a plain window given the whole prompt budget.
      lastNWindow: { tokens: promptBudget, fewestBeatsHeld: windowBeats, ...recallOf(fullWindow) },
      // For reference: a plain window no larger than the assembled prompt actually was.
      lastNWindowSameSize: {
        tokens: `each asked prompt's own size (at most ${askedPromptTokens})`,
        ...recallOf(sameSizeWindow),
      },
      timesWindow: windowShare > 0 ? round(share / windowShare, 2) : null,
      target: '>= 0.9 and >= 3x lastNWindow',
      meetsTarget: share >= 0.9 && share >= 3 * windowShare,
      note: 'Facts planted in the first 22% of the story (traits in the character notes before beat 1), asked about in the last 30% with directions that name the subject (a person, place, object or role), never the fact. timesWindow is null when the window recalled nothing.',
    },
  };
}

function prefixReuse(beats: number, craft?: CraftEvents) {
  const story = generateStory({ beats, seed: 11 });
  if (craft) applyCraft(story.room, craft.before);
  const shares: number[] = [];
  let previous: string | undefined;
  for (let n = 1; n <= beats; n++) {
    keepSummaryUpToDate(story.room);
    const current = fullText(promptOf(story.room, DIRECTIONS[n % DIRECTIONS.length] as string));
    if (previous !== undefined) shares.push(commonPrefixShare(previous, current));
    previous = current;
    story.addBeat(n);
    if (craft?.afterBeat) applyCraft(story.room, craft.afterBeat(story.room, n));
  }
  shares.sort((a, b) => a - b);
  const median = percentile(shares, 50);
  return {
    beats,
    median: round(median),
    p10: round(percentile(shares, 10)),
    target: 'median >= 0.8',
    meetsTarget: median >= 0.8,
  };
}

/**
 * The fake server in its own process, as a real model server would be, so its work and garbage collection
 * do not share the measured process. It answers every request at once, the whole reply in one chunk.
 */
async function serverInChildProcess(): Promise<{ baseURL: string; stop(): Promise<void> }> {
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

const WARM_UP = 300;

/**
 * A fetch that adds up the time spent waiting on the server: from sending the request to its headers, and each
 * wait for a chunk of the body. The body is pulled only when the reader asks (highWaterMark 0), so no wait
 * overlaps the bot's own work.
 */
function timedFetch(): { fetch: typeof fetch; waited(): number } {
  let waited = 0;
  const timed: typeof fetch = async (input, init) => {
    const sent = performance.now();
    const response = await fetch(input, init);
    waited += performance.now() - sent;
    const source = response.body?.getReader();
    if (!source) return response;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const asked = performance.now();
          const { done, value } = await source.read();
          waited += performance.now() - asked;
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => source.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: timed, waited: () => waited };
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
  };
};

/**
 * Runs `once` one call at a time, WARM_UP times unmeasured and then `times` times, recording for each call the
 * wall-clock time, the part of it not spent waiting on the server (`waited` says how long that was so far),
 * and this process's CPU time (user + system, all its threads).
 */
async function measure(times: number, once: (i: number) => Promise<unknown>, waited: () => number = () => 0) {
  const wall: number[] = [];
  const own: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARM_UP + times; i++) {
    const started = performance.now();
    const waitedBefore = waited();
    const cpuStarted = process.cpuUsage();
    await once(i);
    const used = process.cpuUsage(cpuStarted);
    const elapsed = performance.now() - started;
    if (i < WARM_UP) continue;
    wall.push(elapsed);
    own.push(elapsed - (waited() - waitedBefore));
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: summary(wall), own: summary(own), cpu: summary(cpu) };
}

async function overhead(room: RoomState, generations: number) {
  const server = await serverInChildProcess();
  try {
    const config = llmConfigSchema.parse({
      LLM_BASE_URL: server.baseURL,
      LLM_MODEL: 'bench',
      LLM_SERVER: 'vllm',
    });
    const network = timedFetch();
    const narrator = createOpenAiNarrator(config, { logger: silentLogger, fetch: network.fetch });
    const bot = await measure(
      generations,
      (i) =>
        narrator.writeBeat(
          { room, direction: DIRECTIONS[i % DIRECTIONS.length] as string },
          { onText: () => {} },
        ),
      network.waited,
    );
    // The same exchange with a bare fetch: what the socket and HTTP stack cost without any of the bot's work.
    const body = JSON.stringify({ model: 'bench', stream: true, messages: promptOf(room, 'x').messages });
    const bare = await measure(generations, async () => {
      const response = await fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.text();
    });
    const assembly = await measure(generations, async (i) =>
      promptOf(room, DIRECTIONS[i % DIRECTIONS.length] as string),
    );
    return {
      // The headline: the time a generation takes minus the time spent waiting on the (instant) model server.
      botTimePerGeneration: {
        ...bot.own,
        target: 'p99 < 5 ms',
        meetsTarget: bot.own.p99Ms < 5,
      },
      generations,
      warmUp: WARM_UP,
      storyBeats: canonicalPath(room).length,
      endToEndWall: bot.wall,
      botProcessCpu: bot.cpu,
      bareFetch: { wall: bare.wall, cpu: bare.cpu },
      promptAssemblyWall: assembly.wall,
      loadAverage: os.loadavg().map((value) => round(value, 2)),
      note: 'writeBeat on a 1,000-beat story, one generation at a time, against the fake OpenAI-compatible server in its own process over loopback, answering at once. botTimePerGeneration: wall-clock time of each generation minus the time spent waiting on the server (request to response headers, and each wait for a body chunk): prompt assembly, the SDK, SSE parsing, validation and any garbage collection that falls in them (a collection that runs while the bot waits counts as waiting). endToEndWall includes the waits; botProcessCpu is process.cpuUsage (all threads, including background GC and compilation). bareFetch: the same request as a bare fetch with no bot code. Tails depend on machine load (loadAverage: 1/5/15 min).',
    };
  } finally {
    await server.stop();
  }
}

/** The deterministic figures (no timing): prompt growth, recall and prefix reuse; `craft` adds its events. */
export function memoryFigures(craft?: CraftEvents) {
  return { ...longStoryFigures(craft), prefixReuse: prefixReuse(200, craft) };
}

/** The generated 1,000-beat story as the recall run leaves it, its summary kept up to date. */
export function longStoryRoom(): RoomState {
  const story = generateStory({ beats: 1000 });
  for (let n = 1; n <= 1000; n++) {
    keepSummaryUpToDate(story.room);
    story.addBeat(n);
  }
  return story.room;
}

/** Run in the child process that overheadInChildProcess starts; prints the figures as JSON. */
export async function printOverhead() {
  process.stdout.write(JSON.stringify(await overhead(longStoryRoom(), 1000)));
}

/**
 * The overhead is measured in a fresh process that holds only the story and the narrator, like the bot, so the
 * garbage the other figures leave behind is not collected on its time.
 */
async function overheadInChildProcess(): Promise<unknown> {
  const url = new URL('./llm.ts', import.meta.url).href;
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `await (await import(${JSON.stringify(url)})).printOverhead();`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the overhead benchmark exited with ${code}`);
  return JSON.parse(out);
}

export async function benchLlm() {
  return {
    ...memoryFigures(),
    withStyleSampleAndReactions: {
      styleSampleCharacters: sample.length,
      reactionsPerBeat: '2 to 6, from an audience of 12',
      ...memoryFigures(WITH_STYLE),
    },
    overhead: await overheadInChildProcess(),
  };
}
