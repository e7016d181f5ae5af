// The real engine, an in-memory store and the LLM narrator talking to the fake server over a socket: a
// failed generation leaves the room exactly as it was and the person who asked gets a clear message.
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import type { CommandContext } from '../../src/commands/command.ts';
import { errorReply, runCommand } from '../../src/commands/run-command.ts';
import sceneContinue from '../../src/commands/scene-continue.ts';
import { createOpenAiNarrator } from '../../src/llm/openai-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import {
  DEFAULT_BEAT,
  type FakeOpenAiServer,
  type FakeStep,
  refusedBaseURL,
  startFakeOpenAiServer,
} from '../helpers/fake-openai-server.ts';
import { llmConfig, testNarrator } from './fixtures.ts';

const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'llm' };
const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };
const alice: Actor = { id: 'u-alice', name: 'Alice', role: 'writer' };

let server: FakeOpenAiServer;
let engine: StoryEngine;

beforeEach(async () => {
  server = await startFakeOpenAiServer();
  const { narrator } = testNarrator(
    llmConfig(server.baseURL, {
      LLM_FIRST_TOKEN_TIMEOUT_MS: '150',
      LLM_REPLY_TIMEOUT_MS: '1000',
      LLM_MAX_RETRIES: '1',
    }),
  );
  engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator,
    clock: createFakeClock(),
    logger: silentLogger,
  });
  await engine.startStory(room, mo, { title: 'The Heist', heading: 'INT. DINER - NIGHT' });
  await engine.addCharacter(room, mo, { name: 'Vera', description: 'A safecracker' });
});
afterEach(async () => {
  engine.stop();
  await server.close();
});

const ctx = (): CommandContext => ({ engine, room, actor: alice, commands: [sceneContinue] });

describe('the engine with the LLM narrator', () => {
  it('adds the model’s beat with its usage and model, and sums usage for the room', async () => {
    server.setDefault({
      kind: 'reply',
      content: DEFAULT_BEAT,
      usage: { prompt_tokens: 900, completion_tokens: 12 },
    });
    const streamed: string[] = [];
    const first = await engine.continueStory(room, alice, {}, { onText: (d) => streamed.push(d) });
    await engine.continueStory(room, alice, { direction: 'Vera opens the safe' });
    expect(streamed.join('')).toBe('The rain stops.');
    expect(first.beat).toMatchObject({
      kind: 'action',
      text: 'The rain stops.',
      author: { kind: 'narrator', model: 'fake-model' },
      usage: { promptTokens: 900, completionTokens: 12 },
    });
    expect((await engine.room(room)).usage).toEqual({ promptTokens: 1800, completionTokens: 24 });
  });

  const faults: [string, FakeStep, RegExp][] = [
    ['server errors', { kind: 'status', status: 500 }, /not responding properly/],
    ['rate limiting', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, /rate-limited/],
    ['no first token', { kind: 'reply', content: DEFAULT_BEAT, firstTokenDelayMs: 5000 }, /took too long/],
    ['a stalled reply', { kind: 'reply', content: DEFAULT_BEAT, stallAfterChunks: 3 }, /took too long/],
    ['a cut stream', { kind: 'reply', content: DEFAULT_BEAT, cutAfterChunks: 12 }, /not responding properly/],
    ['malformed chunks', { kind: 'reply', content: DEFAULT_BEAT, malformedAfterChunks: 1 }, /not responding/],
    ['a refusal', { kind: 'reply', content: '', refusal: 'No.' }, /declined/],
    ['invalid output', { kind: 'reply', content: '{"kind": "dialogue", "text": "half' }, /not usable/],
  ];

  it.each(faults)('leaves the story unchanged after %s and tells the user', async (_name, step, message) => {
    const before = structuredClone(await engine.room(room));
    server.setDefault(step);
    const reply = await runCommand(sceneContinue, ctx(), { direction: 'Vera opens the safe' }).catch(
      (error) => errorReply(error, silentLogger, {}),
    );
    expect(reply.visibility).toBe('private');
    const [block] = localizeReply(reply, 'en').blocks;
    expect(block?.type === 'text' && block.text).toMatch(message);
    expect(block?.type === 'text' && block.text).toMatch(/Nothing was added to the story/);
    expect(await engine.room(room)).toEqual(before);
    // The room is free again: the next beat goes through once the server recovers.
    server.setDefault({ kind: 'reply', content: DEFAULT_BEAT });
    await expect(engine.continueStory(room, alice, {})).resolves.toMatchObject({
      beat: { text: 'The rain stops.' },
    });
  });

  it('cancels a beat being streamed: nothing of it enters the story', async () => {
    const before = structuredClone(await engine.room(room));
    server.setDefault({
      kind: 'reply',
      content: { ...DEFAULT_BEAT, text: 'y'.repeat(300) },
      chunkDelayMs: 10,
    });
    let cancelled: Promise<unknown> | undefined;
    const pending = engine.continueStory(
      room,
      alice,
      {},
      {
        onText: () => {
          cancelled ??= engine.cancelGeneration(room, mo);
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ code: 'generation.cancelled' });
    await cancelled;
    // Only the cancel's audit entry is stored (generation.cancelled); the story is as it was.
    const after = await engine.room(room);
    expect(after.seq).toBe(before.seq + 1);
    expect({ ...after, seq: before.seq }).toEqual(before);
    expect(server.chatBodies()).toHaveLength(1);
  });
});

describe('the engine when the primary endpoint fails in other ways', () => {
  let backup: FakeOpenAiServer | undefined;
  let other: StoryEngine | undefined;
  afterEach(async () => {
    other?.stop();
    await backup?.close();
  });

  async function engineFor(baseURL: string, env: Record<string, string> = {}) {
    const { narrator } = testNarrator(llmConfig(baseURL, { LLM_MAX_RETRIES: '1', ...env }));
    other = createStoryEngine({
      store: createKeyvEventStore(new Keyv()),
      narrator,
      clock: createFakeClock(),
      logger: silentLogger,
    });
    await other.startStory(room, mo, { title: 'Elsewhere' });
    return other;
  }

  it('leaves the story unchanged when every endpoint refuses connections, and tells the user', async () => {
    const refused = await refusedBaseURL();
    const engine = await engineFor(refused);
    const before = structuredClone(await engine.room(room));
    const context = { engine, room, actor: alice, commands: [sceneContinue] };
    const reply = await runCommand(sceneContinue, context, {}).catch((error) =>
      errorReply(error, silentLogger, {}),
    );
    expect(reply.visibility).toBe('private');
    expect(localizeReply(reply, 'en').blocks[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/Nothing was added/),
    });
    expect(await engine.room(room)).toEqual(before);
  });

  it('writes the beat with the fallback endpoint when the primary keeps failing', async () => {
    backup = await startFakeOpenAiServer();
    backup.setDefault({ kind: 'reply', content: { ...DEFAULT_BEAT, text: 'The backup writes.' } });
    server.setDefault({ kind: 'status', status: 502 });
    const engine = await engineFor(server.baseURL, {
      LLM_FALLBACKS: JSON.stringify([{ baseUrl: backup.baseURL, model: 'backup-model' }]),
    });
    const { beat } = await engine.continueStory(room, alice, {});
    expect(beat).toMatchObject({
      text: 'The backup writes.',
      author: { kind: 'narrator', model: 'backup-model' },
    });
    expect((await engine.room(room)).headId).toBe(beat.id);
  });

  it('does not fail the command when the server rejects structured output: it asks again without it', async () => {
    server.intercept((body) =>
      body.response_format
        ? { kind: 'status', status: 400, message: 'response_format is not supported', shape: 'vllm' }
        : undefined,
    );
    const engine = await engineFor(server.baseURL);
    const { beat } = await engine.continueStory(room, alice, {});
    expect(beat.text).toBe('The rain stops.');
    expect(server.chatBodies().at(-1)?.response_format).toBeUndefined();
  });
});

describe('the rolling summary with the narrator’s own memory settings', () => {
  let other: StoryEngine | undefined;
  afterEach(() => other?.stop());

  it('is written when the narrator’s memory window has moved on, even while the default window has not', async () => {
    // A short window: a dozen short beats are past it, where the default window (1,100 tokens) holds them all.
    const memory = {
      recentTokens: 60,
      stepTokens: 20,
      minRecentBeats: 2,
      maxBeatsPerSummary: 120,
      maxTokensPerSummary: 3000,
    };
    const narrator = createOpenAiNarrator(llmConfig(server.baseURL), { logger: silentLogger, memory });
    server.setDefault({ kind: 'reply', content: { text: 'Vera and Sam wait out the rain.' } });
    other = createStoryEngine({
      store: createKeyvEventStore(new Keyv()),
      narrator,
      clock: createFakeClock(),
      logger: silentLogger,
    });
    await other.startStory(room, mo, { title: 'Short memory' });
    for (let i = 1; i <= 12; i++)
      await other.action(room, alice, { text: `Beat ${i}: the rain keeps falling.` });
    await vi.waitFor(async () => {
      expect((await other?.room(room))?.summary).toMatchObject({ text: 'Vera and Sam wait out the rain.' });
    });
    const summary = (await other.room(room)).summary;
    expect(summary?.beatCount).toBeGreaterThan(0);
    expect(summary?.beatCount).toBeLessThan(12);
  });
});
