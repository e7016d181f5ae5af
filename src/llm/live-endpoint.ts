// An endpoint at run time: its SDK client and the capabilities it has shown so far. A server that rejects a
// feature is switched to the simpler request for the rest of the process, and that is logged once.
import OpenAI from 'openai';
import type { Logger } from '../logger.ts';
import type { Feature } from './faults.ts';
import type { EndpointConfig } from './llm-config.ts';
import { type Capabilities, simplerMode } from './server-capabilities.ts';

export interface LiveEndpoint {
  /** "primary" or "fallback 1", ...: for logs; never the URL's credentials. */
  label: string;
  config: EndpointConfig;
  client: OpenAI;
  capabilities: Capabilities;
}

export function createLiveEndpoint(
  config: EndpointConfig,
  label: string,
  options: { replyMs: number; fetch?: typeof fetch | undefined },
): LiveEndpoint {
  const client = new OpenAI({
    baseURL: config.baseURL,
    apiKey: config.apiKey,
    // Retries, timeouts and fallbacks are ours (call-endpoints.ts), so the SDK makes exactly one attempt.
    maxRetries: 0,
    timeout: options.replyMs,
    logLevel: 'off',
    fetch: withOpenAiErrorShape(options.fetch ?? fetch),
  });
  return { label, config, client, capabilities: { ...config.capabilities } };
}

/**
 * Some servers (older vLLM, MLC) answer errors as {"object":"error","message":...} instead of OpenAI's
 * {"error":{"message":...}}; the SDK would then lose the message, which says which feature was rejected.
 */
export function withOpenAiErrorShape(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status < 400) return response;
    const text = await response.text();
    let body = text;
    try {
      const json = JSON.parse(text) as unknown;
      if (json && typeof json === 'object' && !('error' in json) && 'message' in json) {
        body = JSON.stringify({ error: json });
      }
    } catch {
      // not JSON: the SDK uses the text as the message
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Switches off (or simplifies) a feature the server rejected; false when there is nothing simpler. */
export function downgrade(endpoint: LiveEndpoint, feature: Feature | undefined, logger: Logger): boolean {
  const caps = endpoint.capabilities;
  if (feature === 'stream_options' && caps.streamUsage) {
    caps.streamUsage = false;
    logger.warn(
      { endpoint: endpoint.label, server: endpoint.config.server },
      'model server rejected stream_options.include_usage; estimating usage for this endpoint from now on',
    );
    return true;
  }
  if (feature === 'response_format') {
    const next = simplerMode(caps.structuredOutput);
    if (!next) return false;
    logger.warn(
      { endpoint: endpoint.label, server: endpoint.config.server, from: caps.structuredOutput, to: next },
      'model server rejected the structured-output request; using a simpler one for this endpoint from now on',
    );
    caps.structuredOutput = next;
    return true;
  }
  return false;
}
