// A Logger that keeps every entry, so tests can assert that nothing was logged as an unexpected error.
import type { Logger } from '../../src/logger.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg?: string | undefined;
}

export interface RecordingLogger extends Logger {
  entries: LogEntry[];
  errors(): LogEntry[];
}

export function createRecordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return {
    entries,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    errors: () => entries.filter((entry) => entry.level === 'error'),
  };
}
