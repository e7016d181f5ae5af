// Slack's SDK logs through its own Logger shape (variadic strings, levels set on it); this forwards to ours.
// Its lines are plain strings, which the app logger's key-based redaction cannot reach, so what could hold a
// secret is cut here: web-api's debug lines with request bodies and headers (it removes tokens from them, but
// not oauth.v2.access's client_secret), and anything shaped like a Slack token.
import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../../logger.ts';

export function slackLoggerOf(logger: Logger, name = 'slack'): SlackLogger {
  let level = LogLevel.INFO;
  let source = name;
  const text = (parts: unknown[]) =>
    scrub(parts.map((part) => (typeof part === 'string' ? part : safeJson(part))).join(' '));
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

/** web-api's lines that show a request's contents. */
const REQUEST_CONTENTS = /^(http request (?:body|headers)):.*$/s;
const SLACK_TOKEN = /\bxox[a-z]-[\w-]+/gi;

function scrub(line: string): string {
  return line.replace(REQUEST_CONTENTS, '$1: [omitted]').replace(SLACK_TOKEN, '[token]');
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
