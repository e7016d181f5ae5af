// The environment, parsed once with zod. A bad value stops start-up with a message naming the variable.
import { z } from 'zod';
import { discordConfigSchema } from './adapters/discord/discord-config.ts';
import { slackConfigSchema } from './adapters/slack/slack-config.ts';
import { type ImageConfig, imageConfigSchema, imageEnvSchema } from './llm/image-config.ts';
import { type LlmConfig, llmConfigSchema, llmEnvSchema } from './llm/llm-config.ts';

/** A daily token budget: unset (or empty) for no limit. */
function dailyTokens() {
  return z.coerce
    .number({ error: 'expected a number of tokens' })
    .int({ error: 'expected a whole number of tokens' })
    .min(1, { error: 'expected at least 1 (leave it empty for no limit)' })
    .optional();
}

const baseSchema = z.object({
  STORE_URL: z
    .string()
    .trim()
    .regex(/^(memory:(\?.*)?|sqlite:\/\/.+|redis:\/\/.+|rediss:\/\/.+|postgres(ql)?:\/\/.+)$/, {
      error: 'expected memory:, sqlite://<path>, redis://<host> or postgres://<host>/<db>',
    })
    .default('sqlite://./data/storyroom.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NARRATOR_SEED: z.coerce
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .default(1),
  CONSOLE_CHANNEL: z
    .string()
    .trim()
    .regex(/^[\w-]{1,64}$/, { error: 'expected letters, digits, - or _ (at most 64)' })
    .default('local'),
  EXPORTS_DIR: z.string().trim().min(1).default('./exports'),
  BEAT_LEASE_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(500, { error: 'expected at least 500' })
    .max(600_000, { error: 'expected at most 600000' })
    .default(30_000),
  VOTE_REARM_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(0, { error: 'expected 0 (off) or more' })
    .max(3_600_000, { error: 'expected at most 3600000' })
    .default(5_000),
  SHUTDOWN_GRACE_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(0, { error: 'expected 0 or more' })
    .max(600_000, { error: 'expected at most 600000' })
    .default(10_000),
  LLM_DAILY_TOKENS_PER_ROOM: dailyTokens(),
  LLM_DAILY_TOKENS_PER_SERVER: dailyTokens(),
  METRICS_PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole port number' })
    .min(1, { error: 'expected 1 to 65535' })
    .max(65_535, { error: 'expected 1 to 65535' })
    .optional(),
  METRICS_HOST: z.string().trim().min(1).default('0.0.0.0'),
});

export type Config = z.output<typeof baseSchema> & {
  discord: z.output<typeof discordConfigSchema>;
  slack: z.output<typeof slackConfigSchema>;
  llm: LlmConfig;
  image: ImageConfig;
};

/** Every environment variable storyroom reads (`.env.example` documents each one). */
export function configVariables(): string[] {
  return [
    ...Object.keys(baseSchema.shape),
    ...Object.keys(llmEnvSchema.shape),
    ...Object.keys(imageEnvSchema.shape),
    ...Object.keys(discordConfigSchema.in.shape),
    ...Object.keys(slackConfigSchema.in.shape),
  ];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Empty strings count as unset, so a blank line in .env falls back to the default. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(withoutBlanks(env));
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    // Only the variable's name and what it expects: values may be secrets.
    return `  ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** For entry points: the configuration read, or undefined after telling stderr what is wrong with it. */
export function configOrReport<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    return undefined;
  }
}

/** Every part of the configuration; the problems of all parts are reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const part = <S extends z.ZodType>(schema: S): z.output<S> | undefined => {
    try {
      return parseEnv(schema, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.message.split('\n').slice(1));
      return undefined;
    }
  };
  const base = part(baseSchema);
  const discord = part(discordConfigSchema);
  const slack = part(slackConfigSchema);
  const llm = part(llmConfigSchema);
  const image = part(imageConfigSchema);
  if (!base || !discord || !slack || !llm || !image || problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return { ...base, discord, slack, llm, image };
}
