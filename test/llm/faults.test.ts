// Every way a model server fails, through the real SDK over a socket to the fake server: the narrator
// either recovers (retry, fallback) or rejects with a UserError that says nothing was added.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiNarrator } from '../../src/llm/openai-narrator.ts';
import { sleep } from '../../src/llm/retry-policy.ts';
import { isUserError, type UserError } from '../../src/story/errors.ts';
import type { Narration } from '../../src/story/narrator.ts';
import {
  DEFAULT_BEAT,
  type FakeOpenAiServer,
  refusedBaseURL,
  startFakeOpenAiServer,
} from '../helpers/fake-openai-server.ts';
import { shownText } from '../helpers/user-error.ts';
import { llmConfig, recordingLogger, sampleRoom, testNarrator } from './fixtures.ts';

let server: FakeOpenAiServer;
let backup: FakeOpenAiServer;
beforeEach(async () => {
  [server, backup] = await Promise.all([startFakeOpenAiServer(), startFakeOpenAiServer()]);
  backup.setDefault({ kind: 'reply', content: { ...DEFAULT_BEAT, text: 'The backup writes.' } });
});
afterEach(async () => {
  await Promise.all([server.close(), backup.close()]);
});

const withBackup = (env: Record<string, string> = {}) =>
  llmConfig(server.baseURL, {
    LLM_FALLBACKS: JSON.stringify([{ baseUrl: backup.baseURL, model: 'backup-model', server: 'vllm' }]),
    ...env,
  });

async function failure(promise: Promise<Narration<unknown>>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  expect(shownText(error)).toMatch(/Nothing was added to the story/);
  return error.code;
}

describe('timeouts', () => {
  it('retries when no token arrives in time, then tells the user the narrator took too long', async () => {
    const { narrator, delays } = testNarrator(
      llmConfig(server.baseURL, { LLM_FIRST_TOKEN_TIMEOUT_MS: '150' }),
    );
    server.setDefault({ kind: 'reply', content: DEFAULT_BEAT, firstTokenDelayMs: 2000 });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.timeout');
    expect(server.chatBodies()).toHaveLength(3);
    expect(delays).toEqual([375, 750]); // 500 ms and 1 s ceilings with the test's fixed jitter of 0.5
  });

  it('recovers when a retry answers in time', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, { LLM_FIRST_TOKEN_TIMEOUT_MS: '150' }));
    server.enqueue({ kind: 'hang' });
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(result.output.text).toBe('The rain stops.');
  });

  it('gives up on a reply that starts but stalls past the whole-reply timeout', async () => {
    const { narrator } = testNarrator(
      llmConfig(server.baseURL, { LLM_REPLY_TIMEOUT_MS: '1000', LLM_MAX_RETRIES: '0' }),
    );
    server.enqueue({ kind: 'reply', content: DEFAULT_BEAT, stallAfterChunks: 3 });
    const started = Date.now();
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('rate limits and server errors', () => {
  it('waits out retry-after on a 429, then succeeds', async () => {
    const { narrator, delays } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3' } });
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(delays).toEqual([3000]);
    expect(result.output.text).toBe('The rain stops.');
  });

  it('moves to the fallback at once when retry-after is longer than worth waiting', async () => {
    const { narrator, delays } = testNarrator(withBackup());
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(delays).toEqual([]);
    expect(result).toMatchObject({ model: 'backup-model', output: { text: 'The backup writes.' } });
  });

  it('tells the user the narrator is rate-limited when every endpoint is', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.setDefault({ kind: 'status', status: 429, headers: { 'retry-after-ms': '10' } });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.busy');
    expect(server.chatBodies()).toHaveLength(3);
  });

  it('retries 5xx with backoff, then uses the next endpoint', async () => {
    const { narrator, delays } = testNarrator(withBackup());
    server.setDefault({ kind: 'status', status: 503 });
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(server.chatBodies()).toHaveLength(3);
    expect(delays).toEqual([375, 750]);
    expect(result.model).toBe('backup-model');
    expect(backup.chatBodies()[0]?.model).toBe('backup-model');
  });

  it('reports an unavailable narrator when all endpoints fail', async () => {
    const { narrator } = testNarrator(withBackup({ LLM_MAX_RETRIES: '1' }));
    server.setDefault({ kind: 'status', status: 500 });
    backup.setDefault({ kind: 'status', status: 502 });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.unavailable');
    expect(server.chatBodies()).toHaveLength(2);
    expect(backup.chatBodies()).toHaveLength(2);
  });

  it('does not retry rejected credentials and says to check the key', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.setDefault({ kind: 'status', status: 401, message: 'bad key sk-secret' });
    const error = await narrator.writeBeat({ room: sampleRoom() }).catch((e: unknown) => e);
    expect(isUserError(error) && error.code).toBe('narrator.config');
    expect(shownText(error as UserError)).not.toContain('sk-secret');
    expect(String((error as Error).message)).not.toContain('sk-secret');
    expect(server.chatBodies()).toHaveLength(1);
  });
});

describe('broken connections and streams', () => {
  it('falls back when the primary refuses connections', async () => {
    const refused = await refusedBaseURL();
    const { narrator, delays } = testNarrator(
      llmConfig(refused, {
        LLM_FALLBACKS: JSON.stringify([{ baseUrl: backup.baseURL, model: 'backup-model' }]),
      }),
    );
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(delays).toHaveLength(2);
    expect(result.model).toBe('backup-model');
  });

  it('retries a connection reset', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({ kind: 'reset' });
    expect((await narrator.writeBeat({ room: sampleRoom() })).output.text).toBe('The rain stops.');
  });

  it('retries a stream cut mid-way, telling the listener to discard what it showed', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({
      kind: 'reply',
      content: { ...DEFAULT_BEAT, text: 'A long first try' },
      cutAfterChunks: 12,
    });
    const events: string[] = [];
    const result = await narrator.writeBeat(
      { room: sampleRoom() },
      { onText: (d) => events.push(d), onRestart: () => events.push('|restart|') },
    );
    expect(result.output.text).toBe('The rain stops.');
    const shown = events.join('');
    expect(shown).toMatch(/^A long.*\|restart\|The rain stops\.$/);
  });

  it('treats a stream that ends without finishing as cut', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, { LLM_MAX_RETRIES: '0' }));
    server.enqueue({ kind: 'reply', content: DEFAULT_BEAT, endAfterChunks: 4 });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.unavailable');
  });

  it('retries after a malformed chunk', async () => {
    const { narrator, logger } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({ kind: 'reply', content: DEFAULT_BEAT, malformedAfterChunks: 2 });
    expect((await narrator.writeBeat({ room: sampleRoom() })).output.text).toBe('The rain stops.');
    expect(logger.entries.some((e) => (e.obj as { fault?: string }).fault === 'malformed-chunk')).toBe(true);
  });

  it('accepts a finished reply whose usage chunk was lost, estimating usage', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({ kind: 'reply', content: DEFAULT_BEAT, cutBeforeUsage: true });
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(result.output.text).toBe('The rain stops.');
    expect(server.chatBodies()).toHaveLength(1);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });
});

describe('refusals', () => {
  it('reports a refusal without retrying or asking another model', async () => {
    const { narrator } = testNarrator(withBackup());
    server.enqueue({ kind: 'reply', content: '', refusal: "I can't help with that." });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.refused');
    expect(server.chatBodies()).toHaveLength(1);
    expect(backup.chatBodies()).toHaveLength(0);
  });

  it('treats a content_filter finish as a refusal', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.enqueue({ kind: 'reply', content: '{"text": "', finishReason: 'content_filter' });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.refused');
  });
});

describe('unsupported features', () => {
  it('switches to JSON mode, then to instructions only, when the server rejects response_format', async () => {
    const { narrator, logger } = testNarrator(llmConfig(server.baseURL));
    server.intercept((body) => {
      const format = body.response_format as { type?: string } | undefined;
      if (format?.type === 'json_schema')
        return {
          kind: 'status',
          status: 400,
          message: 'json_schema response_format is not supported',
          shape: 'vllm',
        };
      if (format?.type === 'json_object')
        return { kind: 'status', status: 400, message: 'Unknown field: response_format' };
      return undefined;
    });
    const first = await narrator.writeBeat({ room: sampleRoom() });
    expect(first.output.text).toBe('The rain stops.');
    const formats = server
      .chatBodies()
      .map((b) => (b.response_format as { type?: string } | undefined)?.type);
    expect(formats).toEqual(['json_schema', 'json_object', undefined]);
    // Remembered for the endpoint: the next call goes straight to the plain request.
    await narrator.writeBeat({ room: sampleRoom() });
    expect(server.chatBodies().at(-1)?.response_format).toBeUndefined();
    expect(server.chatBodies()).toHaveLength(4);
    expect(logger.entries.filter((e) => e.msg?.includes('structured-output')).length).toBe(2);
  });

  it('stops asking for usage in the stream when stream_options is rejected, and estimates it', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.intercept((body) =>
      body.stream_options
        ? { kind: 'status', status: 400, message: 'Unrecognized request argument supplied: stream_options' }
        : undefined,
    );
    const result = await narrator.writeBeat({ room: sampleRoom() });
    expect(server.chatBodies().map((b) => Boolean(b.stream_options))).toEqual([true, false]);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
  });

  it('does not mistake an unrelated 400 for a missing feature', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    server.setDefault({
      kind: 'status',
      status: 400,
      message: "This model's maximum context length is 4096 tokens",
    });
    expect(await failure(narrator.writeBeat({ room: sampleRoom() }))).toBe('narrator.rejected');
    expect(server.chatBodies()).toHaveLength(1);
  });
});

describe('cancellation during retries', () => {
  it('stops waiting between retries when cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by a moderator');
    const waits: number[] = [];
    // The real sleep, asked to wait a minute after the first 503: the cancel must end that wait at once.
    const narrator = createOpenAiNarrator(llmConfig(server.baseURL), {
      logger: recordingLogger(),
      random: () => 0.5,
      sleep: (ms, signal) => {
        waits.push(ms);
        const waiting = sleep(60_000, signal);
        controller.abort(reason);
        return waiting;
      },
    });
    server.setDefault({ kind: 'status', status: 503 });
    await expect(narrator.writeBeat({ room: sampleRoom() }, { signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(waits).toHaveLength(1);
    expect(server.chatBodies()).toHaveLength(1);
    expect(backup.chatBodies()).toHaveLength(0);
  });

  it('sleep ends early with the reason when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(60_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
