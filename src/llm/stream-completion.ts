// One streamed chat completion against one endpoint, with a first-token and a whole-reply timeout. Content
// deltas go to onContent as they arrive; any failure comes out as a Fault (see faults.ts), except a
// cancellation, which rethrows the caller's abort reason.
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { Fault, type FaultKind, toFault } from './faults.ts';
import type { LiveEndpoint } from './live-endpoint.ts';
import type { ChatMessage } from './prompt/assemble-prompt.ts';

export interface CompletionRequest {
  messages: ChatMessage[];
  /** The task's output schema and its name, for json_schema structured output. */
  schema: z.ZodType;
  schemaName: string;
  maxTokens: number;
  temperature?: number | undefined;
}

export interface CompletionResult {
  content: string;
  /** From the server's usage chunk; undefined when it sent none. */
  usage?: { promptTokens: number; completionTokens: number } | undefined;
  finishReason: string;
}

export interface StreamOptions {
  signal?: AbortSignal | undefined;
  onContent?: ((delta: string) => void) | undefined;
  firstTokenMs: number;
  replyMs: number;
}

// Converting a zod schema to JSON Schema takes a while; each task's schema is converted once.
const formats = new WeakMap<z.ZodType, ReturnType<typeof zodResponseFormat>>();

function jsonSchemaFormat(schema: z.ZodType, name: string) {
  let format = formats.get(schema);
  if (!format) {
    format = zodResponseFormat(schema, name);
    formats.set(schema, format);
  }
  return format;
}

export function requestBody(
  endpoint: LiveEndpoint,
  model: string,
  request: CompletionRequest,
): ChatCompletionCreateParamsStreaming {
  const caps = endpoint.capabilities;
  const body: ChatCompletionCreateParamsStreaming = {
    model,
    messages: request.messages,
    stream: true,
  };
  if (caps.streamUsage) body.stream_options = { include_usage: true };
  if (caps.maxTokensParam === 'max_completion_tokens') body.max_completion_tokens = request.maxTokens;
  else body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (caps.structuredOutput === 'json_schema') {
    body.response_format = jsonSchemaFormat(request.schema, request.schemaName);
  } else if (caps.structuredOutput === 'json_object') {
    body.response_format = { type: 'json_object' };
  }
  return body;
}

export async function streamCompletion(
  endpoint: LiveEndpoint,
  model: string,
  request: CompletionRequest,
  options: StreamOptions,
): Promise<CompletionResult> {
  const outer = options.signal;
  const local = new AbortController();
  const signal = outer ? AbortSignal.any([outer, local.signal]) : local.signal;
  let timedOut: FaultKind | undefined;
  const expire = (kind: FaultKind) => () => {
    timedOut ??= kind;
    local.abort();
  };
  const firstTimer = setTimeout(expire('first-token-timeout'), options.firstTokenMs);
  const replyTimer = setTimeout(expire('reply-timeout'), options.replyMs);

  let content = '';
  let refusal = '';
  let finishReason: string | undefined;
  let usage: CompletionResult['usage'];
  const stopped = () => {
    if (outer?.aborted) return outer.reason ?? new Error('aborted');
    if (timedOut) return new Fault(timedOut, timedOut.replace(/-/g, ' '));
    return undefined;
  };
  try {
    const stream = await endpoint.client.chat.completions.create(requestBody(endpoint, model, request), {
      signal,
      maxRetries: 0,
      timeout: options.replyMs,
    });
    for await (const chunk of stream) {
      if (chunk.usage) {
        usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      }
      const choice = chunk.choices[0];
      if (!choice) continue;
      const delta = choice.delta as {
        content?: string | null;
        refusal?: string | null;
        reasoning_content?: string;
      };
      if (delta.content || delta.refusal || delta.reasoning_content) clearTimeout(firstTimer);
      if (delta.refusal) refusal += delta.refusal;
      if (delta.content) {
        content += delta.content;
        options.onContent?.(delta.content);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    // The SDK ends the iteration quietly when its signal aborts: find out why it ended.
    const stop = stopped();
    if (stop) throw stop;
  } catch (error) {
    const stop = stopped();
    if (stop) throw stop;
    // A stream that fails after the reply was finished (e.g. before the usage chunk) still delivered it.
    if (!finishReason) throw toFault(error);
  } finally {
    clearTimeout(firstTimer);
    clearTimeout(replyTimer);
  }
  if (refusal || finishReason === 'content_filter') throw new Fault('refusal', 'the model refused');
  if (!finishReason) throw new Fault('stream-cut', 'the stream ended before the reply was finished');
  return { content, usage, finishReason };
}
