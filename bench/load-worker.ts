// One storyroom process of the load test (bench/load.ts): a real engine on the shared store with the
// OpenAI-compatible narrator pointed at the fake model server, running the commands the coordinator sends
// over IPC as an adapter would, and answering with how each ended and how long it took.
import { llmConfigSchema } from '../src/llm/llm-config.ts';
import { createOpenAiNarrator } from '../src/llm/openai-narrator.ts';
import { silentLogger } from '../src/logger.ts';
import { createEventStore } from '../src/store/create-event-store.ts';
import { systemClock } from '../src/story/clock.ts';
import { createStoryEngine } from '../src/story/engine.ts';
import { isUserError } from '../src/story/errors.ts';
import type { Actor, RoomRef } from '../src/story/types.ts';

export type WorkerRequest =
  | { id: number; op: 'start'; room: RoomRef }
  | { id: number; op: 'open'; room: RoomRef }
  | { id: number; op: 'cast'; room: RoomRef; person: string; voteId: string; option: number }
  | { id: number; op: 'close'; room: RoomRef }
  | { id: number; op: 'continue'; room: RoomRef; person: string }
  | { id: number; op: 'stats' }
  | { id: number; op: 'stop' };

export interface WorkerReply {
  id: number;
  outcome: 'ok' | 'refused' | 'failed';
  code?: string | undefined;
  ms: number;
  result?: unknown;
}

const mod: Actor = { id: 'mod', name: 'Mo', role: 'moderator' };
const person = (id: string): Actor => ({ id, name: id, role: 'writer' });

const store = await createEventStore(process.env.LOAD_STORE_URL ?? 'memory:');
const narrator = createOpenAiNarrator(
  llmConfigSchema.parse({
    LLM_BASE_URL: process.env.LOAD_MODEL_URL,
    LLM_MODEL: 'load-model',
    LLM_SERVER: 'vllm',
    LLM_FIRST_TOKEN_TIMEOUT_MS: '10000',
    LLM_REPLY_TIMEOUT_MS: '30000',
  }),
  { logger: silentLogger },
);
let conflicts = 0;
const engine = createStoryEngine({
  store,
  narrator,
  clock: systemClock,
  logger: silentLogger,
  onConflict: () => {
    conflicts++;
  },
});

async function run(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'start':
      await engine.startStory(request.room, mod, { title: 'Load', heading: 'INT. HALL - NIGHT' });
      await engine.updateSettings(request.room, mod, { autoVote: false });
      return undefined;
    case 'open':
      return (
        await engine.openVote(request.room, mod, {
          options: ['Left door', 'Right door', 'Stay'],
          durationMs: 3_600_000,
        })
      ).id;
    case 'cast':
      return engine.castVote(request.room, person(request.person), {
        voteId: request.voteId,
        option: request.option,
      });
    case 'close':
      return (await engine.closeVote(request.room, mod, {})).result;
    case 'continue':
      return (await engine.continueStory(request.room, person(request.person), {})).beat.id;
    case 'stats':
      return { conflicts };
    case 'stop':
      await engine.stop();
      await store.close();
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

process.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  const answer = (reply: Omit<WorkerReply, 'id' | 'ms'>) =>
    process.send?.({ id: request.id, ms: performance.now() - started, ...reply } satisfies WorkerReply);
  run(request).then(
    (result) => answer({ outcome: 'ok', result }),
    (error: unknown) =>
      answer(
        isUserError(error)
          ? { outcome: 'refused', code: error.code }
          : { outcome: 'failed', code: error instanceof Error ? error.message : String(error) },
      ),
  );
});
process.send?.({ id: 0, outcome: 'ok', ms: 0, result: 'ready' } satisfies WorkerReply);
