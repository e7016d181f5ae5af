import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUserError, UserError } from '../../src/story/errors.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { shownText } from '../helpers/user-error.ts';
import { llmConfig, sampleRoom, testNarrator } from './fixtures.ts';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

describe('the LLM narrator on an OpenAI-compatible server', () => {
  it('streams the beat text as it arrives, not the JSON, and resolves with the beat, usage and model', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({
      kind: 'reply',
      content: { kind: 'dialogue', character: 'Vera', parenthetical: '(quietly)', text: 'Nobody moves.' },
      chunkSize: 3,
      usage: { prompt_tokens: 812, completion_tokens: 17 },
    });
    const deltas: string[] = [];
    const result = await narrator.writeBeat(
      { room: sampleRoom(), direction: 'Vera takes charge' },
      { onText: (delta) => deltas.push(delta) },
    );
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe('Nobody moves.');
    expect(result).toEqual({
      output: { kind: 'dialogue', character: 'Vera', parenthetical: 'quietly', text: 'Nobody moves.' },
      usage: { promptTokens: 812, completionTokens: 17 },
      model: 'fake-model',
    });
  });

  it('asks vLLM for JSON-schema output and usage in the stream', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    await narrator.writeBeat({ room: sampleRoom() });
    const [body] = server.chatBodies();
    expect(body).toMatchObject({
      model: 'fake-model',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 1024,
      response_format: { type: 'json_schema', json_schema: { name: 'beat', strict: true } },
    });
  });

  it('estimates usage when the server sends none', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, { LLM_STREAM_USAGE: 'off' }));
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(server.chatBodies()[0]?.stream_options).toBeUndefined();
    expect(result.usage.promptTokens).toBeGreaterThan(100);
    expect(result.usage.completionTokens).toBeGreaterThan(5);
  });

  it("uses the room's model when the operator allows it, and the default otherwise", async () => {
    const { narrator, logger } = testNarrator(llmConfig(server.baseURL, { LLM_MODELS_ALLOWED: 'big-model' }));
    expect(narrator.models).toEqual(['fake-model', 'big-model']);
    const room = sampleRoom();
    room.settings.model = 'big-model';
    expect((await narrator.writeBeat({ room })).model).toBe('big-model');
    room.settings.model = 'not-allowed';
    expect((await narrator.writeBeat({ room })).model).toBe('fake-model');
    expect(server.chatBodies().map((b) => b.model)).toEqual(['big-model', 'fake-model']);
    expect(logger.entries.some((e) => e.msg?.includes('LLM_MODELS_ALLOWED'))).toBe(true);
  });

  it('repairs invalid output once, showing the model its reply and the problem, and restarts the stream', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue(
      {
        kind: 'reply',
        content: { kind: 'dialogue', character: null, parenthetical: null, text: 'Half a line' },
      },
      { kind: 'reply', content: { kind: 'dialogue', character: 'Sam', parenthetical: null, text: 'Drive.' } },
    );
    const events: string[] = [];
    const result = await narrator.writeBeat(
      { room: sampleRoom() },
      { onText: (d) => events.push(d), onRestart: () => events.push('<restart>') },
    );
    expect(result.output).toMatchObject({ character: 'Sam', text: 'Drive.' });
    expect(events.join('')).toBe('Half a line<restart>Drive.');
    const repair = server.chatBodies()[1]?.messages as { role: string; content: string }[];
    expect(repair.at(-2)).toMatchObject({
      role: 'assistant',
      content: expect.stringContaining('Half a line'),
    });
    expect(repair.at(-1)?.content).toMatch(/dialogue beat needs "character"/);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
  });

  it('gives up with a clear error when the repair is invalid too', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue(
      { kind: 'reply', content: 'not json at all' },
      { kind: 'reply', content: '{"kind": "poem"}' },
    );
    const error = await narrator.writeBeat({ room: sampleRoom() }).catch((e: unknown) => e);
    expect(isUserError(error) && error.code).toBe('narrator.invalid');
    expect(shownText(error as UserError)).toMatch(/Nothing was added to the story/);
    expect(server.chatBodies()).toHaveLength(2);
  });

  it('reads JSON from a code fence after a reasoning block when the server has no JSON mode', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, { LLM_STRUCTURED_OUTPUT: 'none' }));
    server.enqueue({
      kind: 'reply',
      content: '<think>They want JSON.</think>\n```json\n{"options": ["Run", "Hide", "Fight"]}\n```',
    });
    const deltas: string[] = [];
    const result = await narrator.proposeOptions(
      { room: sampleRoom(), count: 3 },
      { onText: (d) => deltas.push(d) },
    );
    expect(result.output).toEqual(['Run', 'Hide', 'Fight']);
    expect(deltas.join('')).toBe('Run\nHide\nFight');
    expect(server.chatBodies()[0]?.response_format).toBeUndefined();
  });

  it('designs a character, critiques the script and writes summaries with their own schemas', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const design = {
      name: 'Iris',
      look: 'Tall.',
      personality: 'Sly.',
      backstory: 'Ran a casino.',
      sampleLine: 'Deal.',
    };
    const score = { score: 7, comment: 'Solid.' };
    server.enqueue(
      { kind: 'reply', content: design },
      {
        kind: 'reply',
        content: {
          structure: score,
          pacing: score,
          characterConsistency: score,
          dialogue: score,
          suggestions: ['a', 'b', 'c'],
        },
      },
      { kind: 'reply', content: { text: 'Vera and Sam met at the diner.' } },
    );
    const room = sampleRoom();
    expect((await narrator.designCharacter?.({ room, hint: 'a croupier' }))?.output).toEqual(design);
    expect((await narrator.critique?.({ room }))?.output.suggestions).toEqual(['a', 'b', 'c']);
    const summary = await narrator.summarize?.({ room, beats: Object.values(room.beats) });
    expect(summary?.output.text).toBe('Vera and Sam met at the diner.');
    expect(
      server
        .chatBodies()
        .map((b) => (b.response_format as { json_schema: { name: string } }).json_schema.name),
    ).toEqual(['character_design', 'critique', 'summary']);
    const characterPrompt = JSON.stringify(server.chatBodies()[0]?.messages);
    expect(characterPrompt).toContain('<material>a croupier</material>');
  });

  it('refuses a character design that reuses a name, then accepts the repaired one', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const design = { name: 'Vera', look: 'x', personality: 'y', backstory: 'z', sampleLine: 'w' };
    server.enqueue(
      { kind: 'reply', content: design },
      { kind: 'reply', content: { ...design, name: 'Nadia' } },
    );
    const result = await narrator.designCharacter?.({ room: sampleRoom() });
    expect(result?.output.name).toBe('Nadia');
  });

  it('stops when cancelled mid-stream, rejecting with the abort reason and asking nothing more', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({
      kind: 'reply',
      content: { ...{ kind: 'action', character: null, parenthetical: null }, text: 'x'.repeat(200) },
      chunkSize: 4,
      chunkDelayMs: 5,
    });
    const controller = new AbortController();
    const reason = new UserError('generation.cancelled', 'cancelled');
    let seen = '';
    const pending = narrator.writeBeat(
      { room: sampleRoom() },
      {
        signal: controller.signal,
        onText: (d) => {
          seen += d;
          if (seen.length >= 8) controller.abort(reason);
        },
      },
    );
    await expect(pending).rejects.toBe(reason);
    expect(server.chatBodies()).toHaveLength(1);
  });
});
