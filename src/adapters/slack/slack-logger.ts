// Slack's SDK logs through its own Logger shape (variadic strings, levels set on it); this forwards to ours,
// so its lines go through the app's logger and its redaction. web-api logs request bodies only at debug level
// and after removing tokens; they stay at debug here.
import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../../logger.ts';

export function slackLoggerOf(logger: Logger, name = 'slack'): SlackLogger {
  let level = LogLevel.INFO;
  let source = name;
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : safeJson(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => logger.debug({ source }, text(parts)),
    info: (...parts: unknown[]) => logger.info({ source }, text(parts)),
    warn: (...parts: unknown[]) => logger.warn({ source }, text(parts)),
    error: (...parts: unknown[]) => logger.error({ source }, text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      source = next;
    },
  };
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
