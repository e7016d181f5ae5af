// A local OpenAI-compatible server for tests and benchmarks: a real HTTP server on 127.0.0.1 that streams
// chat completions as SSE the way vLLM does (a role chunk, content chunks, a finish chunk, then a usage chunk
// with empty choices when stream_options.include_usage is set, then [DONE]). Each request takes the next
// scripted step, so a test can make it fail in every way a real server does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplyStep {
  kind: 'reply';
  /** The message content; objects are sent as JSON text. */
  content: string | object;
  /** Characters per content chunk (default 6). */
  chunkSize?: number;
  /** Wait before the first content chunk (the role chunk and headers go out at once). */
  firstTokenDelayMs?: number;
  /** Wait between content chunks. */
  chunkDelayMs?: number;
  /** Stop sending after this many content chunks and keep the connection open. */
  stallAfterChunks?: number;
  /** Destroy the socket after this many content chunks (once they have been flushed). */
  cutAfterChunks?: number;
  /** Destroy the socket after the finish chunk, before the usage chunk and [DONE]. */
  cutBeforeUsage?: boolean;
  /** Send a chunk that is not JSON after this many content chunks. */
  malformedAfterChunks?: number;
  /** End the response cleanly after this many content chunks, without finish_reason or [DONE]. */
  endAfterChunks?: number;
  /** Stream a refusal (delta.refusal) instead of content. */
  refusal?: string;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface StatusStep {
  kind: 'status';
  status: number;
  message?: string;
  headers?: Record<string, string>;
  /** "openai": {"error":{...}} (default); "vllm": {"object":"error","message":...}. */
  shape?: 'openai' | 'vllm';
}

/** Accepts the request and never answers (no headers). */
export interface HangStep {
  kind: 'hang';
}

/** Resets the connection as soon as the request arrives. */
export interface ResetStep {
  kind: 'reset';
}

export type FakeStep = ReplyStep | StatusStep | HangStep | ResetStep;

/** A 200 answer with this JSON body, whatever its shape (for answers a client must not trust). */
export interface BodyStep {
  kind: 'body';
  body: unknown;
}

export type ModerationStep = StatusStep | HangStep | ResetStep | BodyStep;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:40123/v1 */
  baseURL: string;
  requests: RecordedRequest[];
  /** Bodies of the chat completion requests, in order. */
  chatBodies(): Record<string, unknown>[];
  /** Steps for the next chat requests, in order; after them the default step answers. */
  enqueue(...steps: FakeStep[]): void;
  /** The step used when the queue is empty (default: a valid action beat). */
  setDefault(step: FakeStep | ((body: Record<string, unknown>) => FakeStep)): void;
  /** Checked before the queue: return a step to answer with it instead (e.g. reject json_schema). */
  intercept(rule: ((body: Record<string, unknown>) => FakeStep | undefined) | undefined): void;
  /** Which moderation inputs are flagged, and under which category. */
  moderate(rule: (input: string) => string | undefined): void;
  /**
   * Answers moderation requests with this step instead of the rule's verdict; a function chooses by the
   * request's texts (undefined: the rule answers).
   */
  moderateWith(step: ModerationStep | ((inputs: string[]) => ModerationStep | undefined) | undefined): void;
  close(): Promise<void>;
}

export const DEFAULT_BEAT = { kind: 'action', character: null, parenthetical: null, text: 'The rain stops.' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function chunk(id: string, model: string, choice: object | undefined, usage?: object) {
  return JSON.stringify({
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: choice ? [{ index: 0, logprobs: null, ...choice }] : [],
    ...(usage ? { usage } : {}),
  });
}

/** Lets what was written reach the client, then drops the connection without ending the response. */
async function cut(response: ServerResponse) {
  await sleep(30);
  response.socket?.destroy();
}

function promptTokensOf(body: Record<string, unknown>): number {
  return Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
}

async function streamReply(response: ServerResponse, body: Record<string, unknown>, step: ReplyStep) {
  const model = String(body.model ?? 'fake-model');
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const text = typeof step.content === 'string' ? step.content : JSON.stringify(step.content);
  const size = step.chunkSize ?? 6;
  const pieces: string[] = [];
  const source = step.refusal ?? text;
  for (let i = 0; i < source.length; i += size) pieces.push(source.slice(i, i + size));
  const field = step.refusal === undefined ? 'content' : 'refusal';
  const send = (data: string) => response.write(`data: ${data}\n\n`);

  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  send(chunk(id, model, { delta: { role: 'assistant', content: '' }, finish_reason: null }));
  if (step.firstTokenDelayMs) await sleep(step.firstTokenDelayMs);
  for (const [index, piece] of pieces.entries()) {
    if (index === step.stallAfterChunks) return; // the test's timeout ends it; close() destroys the socket
    if (index === step.cutAfterChunks) {
      await cut(response);
      return;
    }
    if (index === step.malformedAfterChunks) send('{"id": "broken", "choices": [{"delta": {"content": "oo');
    if (index === step.endAfterChunks) {
      response.end();
      return;
    }
    if (index > 0 && step.chunkDelayMs) await sleep(step.chunkDelayMs);
    send(chunk(id, model, { delta: { [field]: piece }, finish_reason: null }));
  }
  send(chunk(id, model, { delta: { content: '' }, finish_reason: step.finishReason ?? 'stop' }));
  if (step.cutBeforeUsage) {
    await cut(response);
    return;
  }
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) {
    const usage = step.usage ?? { prompt_tokens: promptTokensOf(body), completion_tokens: pieces.length };
    send(
      chunk(id, model, undefined, { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens }),
    );
  }
  send('[DONE]');
  response.end();
}

function replyWhole(response: ServerResponse, body: Record<string, unknown>, step: ReplyStep) {
  const text = typeof step.content === 'string' ? step.content : JSON.stringify(step.content);
  const usage = step.usage ?? {
    prompt_tokens: promptTokensOf(body),
    completion_tokens: Math.ceil(text.length / 4),
  };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id: 'chatcmpl-whole',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: String(body.model ?? 'fake-model'),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          finish_reason: step.finishReason ?? 'stop',
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    }),
  );
}

function replyStatus(response: ServerResponse, step: StatusStep) {
  const message = step.message ?? `fake error ${step.status}`;
  const body =
    step.shape === 'vllm'
      ? { object: 'error', message, type: 'BadRequestError', param: null, code: step.status }
      : { error: { message, type: 'invalid_request_error', param: null, code: null } };
  response.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
  response.end(JSON.stringify(body));
}

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeStep[] = [];
  let fallback: FakeStep | ((body: Record<string, unknown>) => FakeStep) = {
    kind: 'reply',
    content: DEFAULT_BEAT,
  };
  let interceptRule: ((body: Record<string, unknown>) => FakeStep | undefined) | undefined;
  let moderationRule: (input: string) => string | undefined = () => undefined;
  let moderationStep: ModerationStep | ((inputs: string[]) => ModerationStep | undefined) | undefined;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    const path = (request.url ?? '').replace(/\?.*$/, '');
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    if (path.endsWith('/moderations')) {
      const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
      const step = typeof moderationStep === 'function' ? moderationStep(inputs) : moderationStep;
      if (step?.kind === 'hang') return;
      if (step?.kind === 'reset') {
        request.socket.destroy();
        return;
      }
      if (step?.kind === 'status') {
        replyStatus(response, step);
        return;
      }
      if (step?.kind === 'body') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(step.body));
        return;
      }
      const results = inputs.map((input) => {
        const category = moderationRule(input);
        return {
          flagged: category !== undefined,
          categories: category ? { [category]: true } : {},
          category_scores: category ? { [category]: 0.99 } : {},
        };
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'modr-fake', model: body.model, results }));
      return;
    }
    if (!path.endsWith('/chat/completions')) {
      replyStatus(response, { kind: 'status', status: 404, message: `no route ${path}` });
      return;
    }
    const step =
      interceptRule?.(body) ?? queue.shift() ?? (typeof fallback === 'function' ? fallback(body) : fallback);
    switch (step.kind) {
      case 'hang':
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'status':
        replyStatus(response, step);
        return;
      case 'reply':
        if (body.stream) await streamReply(response, body, step);
        else replyWhole(response, body, step);
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatBodies: () => requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body),
    enqueue: (...steps) => queue.push(...steps),
    setDefault(step) {
      fallback = step;
    },
    intercept(rule) {
      interceptRule = rule;
    },
    moderate(rule) {
      moderationRule = rule;
    },
    moderateWith(step) {
      moderationStep = step;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL where nothing listens: connections are refused. */
export async function refusedBaseURL(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
