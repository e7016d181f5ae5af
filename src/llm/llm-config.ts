// The narrator's settings from the environment. Without LLM_MODEL the offline narrator is used.
// Parse with the app's parseEnv(llmConfigSchema, process.env): issues are reported under the variable's name.
import { z } from 'zod';
import {
  type Capabilities,
  SERVER_DEFAULTS,
  SERVER_KINDS,
  type ServerKind,
  STRUCTURED_MODES,
  type StructuredMode,
} from './server-capabilities.ts';

const flag = z
  .enum(['on', 'off', 'true', 'false', 'yes', 'no', '1', '0'], { error: 'expected on or off' })
  .transform((value) => ['on', 'true', 'yes', '1'].includes(value));

/** A whole number from `min` to `max`, read from the environment (also the illustrator's settings). */
export const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int({ error: `expected a whole number from ${min} to ${max}` })
    .min(min, { error: `expected a whole number from ${min} to ${max}` })
    .max(max, { error: `expected a whole number from ${min} to ${max}` });

const url = z.url({
  protocol: /^https?$/,
  error: 'expected an http(s) URL such as http://localhost:8000/v1',
});

const fallbackSchema = z.object({
  baseUrl: url,
  apiKey: z.string().optional(),
  model: z.string().min(1),
  server: z.enum(SERVER_KINDS).optional(),
  structuredOutput: z.enum(STRUCTURED_MODES).optional(),
  streamUsage: z.boolean().optional(),
});

const fallbacks = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON array of endpoints' });
      return z.NEVER;
    }
  })
  .pipe(z.array(fallbackSchema, { error: 'expected a JSON array of {"baseUrl", "model", ...} objects' }));

/** The raw variables; extendable by the app's own schema. */
export const llmEnvSchema = z.object({
  LLM_BASE_URL: url.optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().trim().min(1).optional(),
  LLM_SERVER: z.enum(SERVER_KINDS, { error: `expected one of: ${SERVER_KINDS.join(', ')}` }).optional(),
  LLM_CONTEXT_TOKENS: int(2048, 2_000_000).default(8192),
  LLM_MAX_REPLY_TOKENS: int(256, 32_768).default(1024),
  LLM_STRUCTURED_OUTPUT: z
    .enum(STRUCTURED_MODES, { error: `expected one of: ${STRUCTURED_MODES.join(', ')}` })
    .optional(),
  LLM_STREAM_USAGE: flag.optional(),
  LLM_FALLBACKS: fallbacks.optional(),
  LLM_MODELS_ALLOWED: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .optional(),
  LLM_MODERATION: flag.default(false),
  LLM_MODERATION_MODEL: z.string().trim().min(1).default('omni-moderation-latest'),
  LLM_MODERATION_BASE_URL: url.optional(),
  LLM_MODERATION_API_KEY: z.string().optional(),
  LLM_FIRST_TOKEN_TIMEOUT_MS: int(100, 600_000).default(30_000),
  LLM_REPLY_TIMEOUT_MS: int(1000, 1_800_000).default(120_000),
  LLM_MAX_RETRIES: int(0, 10).default(2),
  LLM_TEMPERATURE: z.coerce.number({ error: 'expected a number from 0 to 2' }).min(0).max(2).optional(),
});

export interface EndpointConfig {
  /** Undefined means OpenAI's own API. */
  baseURL?: string | undefined;
  apiKey: string;
  model: string;
  server: ServerKind;
  capabilities: Capabilities;
}

export interface LlmConfig {
  /** False when LLM_MODEL is unset: the offline narrator writes. */
  enabled: boolean;
  /** The primary endpoint first, then the fallbacks in order. */
  endpoints: EndpointConfig[];
  /** Models a moderator may pick for a room (served by the primary endpoint); always includes LLM_MODEL. */
  allowedModels: string[];
  contextTokens: number;
  maxReplyTokens: number;
  timeouts: { firstTokenMs: number; replyMs: number };
  maxRetries: number;
  /** Checks with /v1/moderations on the primary endpoint, or on its own one when baseURL is set. */
  moderation?: { model: string; baseURL?: string | undefined; apiKey?: string | undefined } | undefined;
  temperature?: number | undefined;
}

// Self-hosted servers ignore the key, but the SDK needs a non-empty one.
const LOCAL_KEY = 'not-needed';

function capabilitiesFor(
  server: ServerKind,
  structured: StructuredMode | undefined,
  streamUsage: boolean | undefined,
): Capabilities {
  const base = SERVER_DEFAULTS[server];
  return {
    ...base,
    structuredOutput: structured ?? base.structuredOutput,
    streamUsage: streamUsage ?? base.streamUsage,
  };
}

export const llmConfigSchema = llmEnvSchema.transform((env, ctx): LlmConfig => {
  const common = {
    contextTokens: env.LLM_CONTEXT_TOKENS,
    maxReplyTokens: env.LLM_MAX_REPLY_TOKENS,
    timeouts: { firstTokenMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS, replyMs: env.LLM_REPLY_TIMEOUT_MS },
    maxRetries: env.LLM_MAX_RETRIES,
    moderation: env.LLM_MODERATION
      ? {
          model: env.LLM_MODERATION_MODEL,
          baseURL: env.LLM_MODERATION_BASE_URL,
          apiKey: env.LLM_MODERATION_API_KEY,
        }
      : undefined,
    temperature: env.LLM_TEMPERATURE,
  };
  if (env.LLM_MAX_REPLY_TOKENS * 2 > env.LLM_CONTEXT_TOKENS) {
    ctx.addIssue({
      code: 'custom',
      path: ['LLM_MAX_REPLY_TOKENS'],
      message: 'must be at most half of LLM_CONTEXT_TOKENS, to leave room for the story',
    });
  }
  if (!env.LLM_MODEL) {
    if (env.LLM_BASE_URL || env.LLM_FALLBACKS?.length) {
      ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'required when LLM_BASE_URL is set' });
    }
    return { ...common, enabled: false, endpoints: [], allowedModels: [], moderation: undefined };
  }
  if (!env.LLM_BASE_URL && !env.LLM_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['LLM_API_KEY'],
      message: "required for OpenAI's API (or set LLM_BASE_URL for a self-hosted server)",
    });
  }
  const server = env.LLM_SERVER ?? (env.LLM_BASE_URL ? 'generic' : 'openai');
  if (env.LLM_MODERATION && !env.LLM_MODERATION_BASE_URL && server !== 'openai' && server !== 'generic') {
    ctx.addIssue({
      code: 'custom',
      path: ['LLM_MODERATION'],
      message: `${server} has no moderation API: set LLM_MODERATION_BASE_URL (and LLM_MODERATION_API_KEY) to one that has, e.g. https://api.openai.com/v1`,
    });
  }
  const primary: EndpointConfig = {
    baseURL: env.LLM_BASE_URL,
    apiKey: env.LLM_API_KEY ?? LOCAL_KEY,
    model: env.LLM_MODEL,
    server,
    capabilities: capabilitiesFor(server, env.LLM_STRUCTURED_OUTPUT, env.LLM_STREAM_USAGE),
  };
  const rest = (env.LLM_FALLBACKS ?? []).map((entry): EndpointConfig => {
    const kind = entry.server ?? 'generic';
    return {
      baseURL: entry.baseUrl,
      apiKey: entry.apiKey ?? LOCAL_KEY,
      model: entry.model,
      server: kind,
      capabilities: capabilitiesFor(kind, entry.structuredOutput, entry.streamUsage),
    };
  });
  const allowed = new Set([env.LLM_MODEL, ...(env.LLM_MODELS_ALLOWED ?? [])]);
  return { ...common, enabled: true, endpoints: [primary, ...rest], allowedModels: [...allowed] };
});

export type LlmEnv = z.input<typeof llmConfigSchema>;

/** Whether a moderator may pick this model for a room. */
export function isModelAllowed(config: Pick<LlmConfig, 'allowedModels'>, model: string): boolean {
  return config.allowedModels.includes(model);
}
