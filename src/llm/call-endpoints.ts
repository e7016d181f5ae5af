// Gets one completion through the ordered endpoints: bounded retries with backoff on each (honouring
// retry-after), a simpler request when a server rejects a feature, then the next endpoint, then a UserError
// for the channel. A refusal is final: another model is not asked to write what this one declined.
import type { Logger } from '../logger.ts';
import { Fault, type FaultKind, toFault, userErrorFor } from './faults.ts';
import { downgrade, type LiveEndpoint } from './live-endpoint.ts';
import { backoffDelay, type RetryPolicy, type Sleep } from './retry-policy.ts';
import { type CompletionRequest, type CompletionResult, streamCompletion } from './stream-completion.ts';

export interface CallContext {
  endpoints: readonly LiveEndpoint[];
  retry: RetryPolicy;
  timeouts: { firstTokenMs: number; replyMs: number };
  sleep: Sleep;
  random: () => number;
  logger: Logger;
  /** Told of every request sent to a model server, and how it ended (for metrics). */
  onRequest?: ((request: ModelRequest) => void) | undefined;
}

/** One request to a model server: `fault` is undefined when it answered, with the usage it reported. */
export interface ModelRequest {
  endpoint: string;
  model: string;
  fault?: FaultKind | undefined;
  usage?: { promptTokens: number; completionTokens: number } | undefined;
}

export interface CallOptions {
  /** The model to ask on an endpoint (the room's choice applies to the primary one). */
  modelFor(endpoint: LiveEndpoint, index: number): string;
  signal?: AbortSignal | undefined;
  onContent?: ((delta: string) => void) | undefined;
  /** Content already streamed is void: another attempt starts. */
  onRestart?: (() => void) | undefined;
}

export interface CallResult extends CompletionResult {
  model: string;
  endpoint: LiveEndpoint;
}

export async function callEndpoints(
  ctx: CallContext,
  request: CompletionRequest,
  options: CallOptions,
): Promise<CallResult> {
  let last: Fault | undefined;
  let streamed = false;
  const onContent = (delta: string) => {
    streamed = true;
    options.onContent?.(delta);
  };
  for (const [index, endpoint] of ctx.endpoints.entries()) {
    const model = options.modelFor(endpoint, index);
    let attempt = 0;
    for (;;) {
      if (streamed) {
        streamed = false;
        options.onRestart?.();
      }
      try {
        const result = await streamCompletion(endpoint, model, request, {
          signal: options.signal,
          onContent,
          ...ctx.timeouts,
        });
        ctx.onRequest?.({ endpoint: endpoint.label, model, usage: result.usage });
        return { ...result, model, endpoint };
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason ?? error;
        const fault = toFault(error);
        ctx.onRequest?.({ endpoint: endpoint.label, model, fault: fault.kind });
        if (fault.kind === 'unsupported-feature' && downgrade(endpoint, fault.feature, ctx.logger)) continue;
        const log = { endpoint: endpoint.label, model, fault: fault.kind, status: fault.status, attempt };
        if (fault.kind === 'refusal') {
          ctx.logger.info(log, 'the model refused');
          throw userErrorFor(fault);
        }
        last = fault;
        const wait = fault.retryAfterMs ?? backoffDelay(attempt, ctx.retry, ctx.random);
        const retry = fault.retryable && attempt < ctx.retry.maxRetries && wait <= ctx.retry.maxRetryAfterMs;
        ctx.logger.warn(
          { ...log, retryInMs: retry ? wait : undefined },
          retry ? 'model request failed; retrying' : 'model request failed; giving up on this endpoint',
        );
        if (!retry) break;
        attempt++;
        await ctx.sleep(wait, options.signal);
      }
    }
  }
  throw userErrorFor(last ?? new Fault('connection', 'no endpoint configured'));
}
