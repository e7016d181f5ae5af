// The app's pino logger, writing JSON to stderr (stdout belongs to the console room). Secrets are removed
// by configuration, not by remembering: any field with one of these names is redacted wherever it sits.
import { pino } from 'pino';
import type { Logger } from './logger.ts';

export const REDACTED_PATHS = [
  'token',
  'apiKey',
  'authorization',
  'password',
  'secret',
  '*.token',
  '*.apiKey',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.secret',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'err.config',
  'err.headers',
  'err.request',
  'err.requestBody',
  'err.url',
  'LLM_API_KEY',
  'LLM_MODERATION_API_KEY',
  'DISCORD_TOKEN',
  '*.LLM_API_KEY',
  '*.LLM_MODERATION_API_KEY',
  '*.DISCORD_TOKEN',
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'storyroom' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
