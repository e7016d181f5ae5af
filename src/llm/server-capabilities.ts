// What each kind of OpenAI-compatible server supports, as starting points. Every default can be overridden
// per endpoint (LLM_STRUCTURED_OUTPUT, LLM_STREAM_USAGE, or the fields of an LLM_FALLBACKS entry), and a 400
// that names an unsupported feature switches that endpoint to the simpler request at run time.

export const SERVER_KINDS = [
  'openai',
  'vllm',
  'llama.cpp',
  'ollama',
  'sglang',
  'lmstudio',
  'generic',
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** json_schema: constrained decoding to our schema; json_object: any JSON; none: instructions only. */
export const STRUCTURED_MODES = ['json_schema', 'json_object', 'none'] as const;
export type StructuredMode = (typeof STRUCTURED_MODES)[number];

export interface Capabilities {
  structuredOutput: StructuredMode;
  /** Sends stream_options.include_usage; without it usage is estimated. */
  streamUsage: boolean;
  /** OpenAI's reasoning models take only max_completion_tokens; most self-hosted servers know max_tokens. */
  maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  /** Has /v1/moderations. */
  moderation: boolean;
}

export const SERVER_DEFAULTS: Record<ServerKind, Capabilities> = {
  // json_schema strict mode, include_usage, omni-moderation.
  openai: {
    structuredOutput: 'json_schema',
    streamUsage: true,
    maxTokensParam: 'max_completion_tokens',
    moderation: true,
  },
  // response_format json_schema via xgrammar/guidance; include_usage adds a final usage chunk.
  vllm: {
    structuredOutput: 'json_schema',
    streamUsage: true,
    maxTokensParam: 'max_tokens',
    moderation: false,
  },
  // llama-server turns response_format's json_schema into a grammar.
  'llama.cpp': {
    structuredOutput: 'json_schema',
    streamUsage: true,
    maxTokensParam: 'max_tokens',
    moderation: false,
  },
  // /v1 compatibility layer: response_format (json_schema since 0.5) and stream_options.include_usage.
  ollama: {
    structuredOutput: 'json_schema',
    streamUsage: true,
    maxTokensParam: 'max_tokens',
    moderation: false,
  },
  sglang: {
    structuredOutput: 'json_schema',
    streamUsage: true,
    maxTokensParam: 'max_tokens',
    moderation: false,
  },
  lmstudio: {
    structuredOutput: 'json_schema',
    streamUsage: true,
    maxTokensParam: 'max_tokens',
    moderation: false,
  },
  // Unknown servers: plain JSON mode, which nearly all accept; a 400 lowers it further.
  generic: {
    structuredOutput: 'json_object',
    streamUsage: true,
    maxTokensParam: 'max_tokens',
    moderation: false,
  },
};

/** One step simpler, for a server that rejected the current mode. */
export function simplerMode(mode: StructuredMode): StructuredMode | undefined {
  if (mode === 'json_schema') return 'json_object';
  if (mode === 'json_object') return 'none';
  return undefined;
}
