// The exact requests each kind of server receives, intercepted with nock before they leave the process.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { llmConfigSchema } from '../../src/llm/llm-config.ts';
import { createOpenAiNarrator } from '../../src/llm/openai-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { sampleRoom } from './fixtures.ts';

const beat = JSON.stringify({ kind: 'action', character: null, parenthetical: null, text: 'Rain.' });
const sse = [
  { choices: [{ index: 0, delta: { role: 'assistant', content: beat }, finish_reason: null }] },
  { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
]
  .map(
    (chunk) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', ...chunk })}\n\n`,
  )
  .join('')
  .concat('data: [DONE]\n\n');

/** Answers one chat request on `host` (only with that bearer key) and keeps its body. */
function capture(host: string, key: string) {
  const seen: { body?: Record<string, unknown> } = {};
  nock(host)
    .matchHeader('authorization', `Bearer ${key}`)
    .post('/v1/chat/completions', (body) => {
      seen.body = body as Record<string, unknown>;
      return true;
    })
    .reply(200, sse, { 'content-type': 'text/event-stream' });
  return seen;
}

const narratorFor = (env: Record<string, string>) =>
  createOpenAiNarrator(llmConfigSchema.parse({ LLM_MODEL: 'm', LLM_MAX_RETRIES: '0', ...env }), {
    logger: silentLogger,
  });

afterEach(() => {
  nock.cleanAll();
});

describe('requests to each kind of server', () => {
  it('OpenAI: strict JSON schema, usage in the stream, max_completion_tokens, bearer key', async () => {
    const seen = capture('https://api.openai.com', 'sk-test');
    await narratorFor({ LLM_API_KEY: 'sk-test', LLM_MODEL: 'gpt-4o-mini' }).writeBeat({
      room: sampleRoom(),
      direction: 'Go',
    });
    expect(seen.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 1024,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'beat',
          strict: true,
          schema: {
            type: 'object',
            required: ['kind', 'character', 'parenthetical', 'text'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(seen.body?.max_tokens).toBeUndefined();
    const messages = seen.body?.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[1]?.content).toMatch(/DIRECTION FROM THE GROUP\n<material>Go<\/material>\n\nTASK\n/);
  });

  it('Ollama: max_tokens and JSON schema; generic servers: JSON mode; none: no response_format', async () => {
    const ollama = capture('http://ollama.test:11434', 'not-needed');
    await narratorFor({ LLM_BASE_URL: 'http://ollama.test:11434/v1', LLM_SERVER: 'ollama' }).writeBeat({
      room: sampleRoom(),
    });
    expect(ollama.body).toMatchObject({ max_tokens: 1024, response_format: { type: 'json_schema' } });

    const generic = capture('http://box.test:9000', 'not-needed');
    await narratorFor({ LLM_BASE_URL: 'http://box.test:9000/v1' }).writeBeat({ room: sampleRoom() });
    expect(generic.body?.response_format).toEqual({ type: 'json_object' });

    const plain = capture('http://plain.test:8080', 'not-needed');
    await narratorFor({
      LLM_BASE_URL: 'http://plain.test:8080/v1',
      LLM_STRUCTURED_OUTPUT: 'none',
      LLM_STREAM_USAGE: 'off',
      LLM_TEMPERATURE: '0.8',
    }).writeBeat({
      room: sampleRoom(),
    });
    expect(plain.body?.response_format).toBeUndefined();
    expect(plain.body?.stream_options).toBeUndefined();
    expect(plain.body?.temperature).toBe(0.8);
  });

  it('asks the moderation endpoint about the direction before writing and the beat after', async () => {
    // nock may try a body matcher on other requests to the host and more than once: keep distinct ones.
    const moderated = new Set<string>();
    nock('https://api.openai.com')
      .post('/v1/moderations', (body) => {
        if ('input' in body) moderated.add(JSON.stringify(body));
        return 'input' in body;
      })
      .twice()
      .reply(200, {
        id: 'm',
        model: 'omni-moderation-latest',
        results: [{ flagged: false, categories: {} }],
      });
    capture('https://api.openai.com', 'sk');
    const result = await narratorFor({ LLM_API_KEY: 'sk', LLM_MODERATION: 'on' }).writeBeat({
      room: sampleRoom(),
      direction: 'Vera runs',
    });
    expect(result.output.text).toBe('Rain.');
    expect([...moderated].map((body) => JSON.parse(body))).toEqual([
      { model: 'omni-moderation-latest', input: ['Vera runs'] },
      { model: 'omni-moderation-latest', input: ['Rain.'] },
    ]);
  });
});
