// The illustrator's settings (/scene picture): any server with OpenAI's /v1/images/generations (OpenAI's
// image models, LocalAI and other self-hosted ones). Without IMAGE_MODEL there is no illustrator and
// /scene picture says pictures need one. Parsed with the app's parseEnv, like the narrator's.
import { z } from 'zod';
import { int } from './llm-config.ts';

export const imageEnvSchema = z.object({
  IMAGE_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://localhost:8080/v1' })
    .optional(),
  IMAGE_API_KEY: z.string().optional(),
  IMAGE_MODEL: z.string().trim().min(1).optional(),
  IMAGE_SIZE: z
    .string()
    .trim()
    .regex(/^(\d{2,5}x\d{2,5}|auto)$/, { error: 'expected WIDTHxHEIGHT such as 1024x1024, or auto' })
    .default('1024x1024'),
  IMAGE_TIMEOUT_MS: int(100, 600_000).default(120_000),
  IMAGE_MAX_RETRIES: int(0, 10).default(2),
});

export interface ImageConfig {
  /** False when IMAGE_MODEL is unset: no pictures. */
  enabled: boolean;
  /** Undefined means OpenAI's own API. */
  baseURL?: string | undefined;
  apiKey: string;
  model: string;
  size: string;
  timeoutMs: number;
  maxRetries: number;
}

export const imageConfigSchema = imageEnvSchema.transform((env, ctx): ImageConfig => {
  const common = {
    baseURL: env.IMAGE_BASE_URL,
    // Self-hosted servers ignore the key, but the SDK needs a non-empty one.
    apiKey: env.IMAGE_API_KEY ?? 'not-needed',
    size: env.IMAGE_SIZE,
    timeoutMs: env.IMAGE_TIMEOUT_MS,
    maxRetries: env.IMAGE_MAX_RETRIES,
  };
  if (!env.IMAGE_MODEL) {
    if (env.IMAGE_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['IMAGE_MODEL'], message: 'required when IMAGE_BASE_URL is set' });
    }
    return { ...common, enabled: false, model: '' };
  }
  if (!env.IMAGE_BASE_URL && !env.IMAGE_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['IMAGE_API_KEY'],
      message: "required for OpenAI's API (or set IMAGE_BASE_URL for a self-hosted server)",
    });
  }
  return { ...common, enabled: true, model: env.IMAGE_MODEL };
});
