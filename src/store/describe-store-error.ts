// One sentence on why a store could not be used, for the operator: the cause named in words (refused, unknown
// host, no such database, authentication failed, folder not creatable), never a stack trace.

/** A store that could not be opened; the message names STORE_URL and the cause, and is meant to be shown. */
export class StoreStartError extends Error {
  override readonly name = 'StoreStartError';
}

interface Where {
  kind: 'memory' | 'sqlite' | 'redis' | 'postgres';
  url?: string | undefined;
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The errors worth reading, most specific first: the error, what it wraps, then what the backend reported. */
function candidates(error: unknown, reported: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const add = (value: unknown) => {
    if (value === undefined || out.includes(value)) return;
    out.push(value);
    if (value instanceof AggregateError) for (const inner of value.errors) add(inner);
    if (value instanceof Error) add(value.cause);
  };
  add(error);
  for (const value of reported) add(value);
  return out;
}

function hostOf(where: Where): { host: string; port: string; user: string; database: string } {
  try {
    const url = new URL(where.url ?? '');
    const port = url.port || (where.kind === 'redis' ? '6379' : '5432');
    return {
      host: url.hostname,
      port,
      user: decodeURIComponent(url.username),
      database: decodeURIComponent(url.pathname.slice(1)),
    };
  } catch {
    return { host: '?', port: '?', user: '', database: '' };
  }
}

export function describeStoreError(error: unknown, reported: readonly unknown[], where: Where): string {
  const all = candidates(error, reported);
  const { host, port, user, database } = hostOf(where);
  for (const candidate of all) {
    const code = codeOf(candidate);
    const message = messageOf(candidate);
    if (code === 'ECONNREFUSED')
      return `connection refused by ${host}:${port} (is the server running there?)`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
      return `unknown host "${host}" (the name does not resolve)`;
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host ${host} cannot be reached (${code})`;
    if (code === 'ETIMEDOUT' || /timeout/i.test(candidate instanceof Error ? candidate.name : ''))
      return `no answer from ${host}:${port} (connection timed out)`;
    // PostgreSQL error codes (SQLSTATE).
    if (code === '3D000') return `no such database "${database}" on ${host}:${port}`;
    if (code === '28P01' || code === '28000')
      return `authentication failed for user "${user}" on ${host}:${port} (${message})`;
    // Redis answers.
    if (/^(WRONGPASS|NOAUTH|NOPERM)\b|\bAUTH\b/.test(message))
      return `authentication failed on ${host}:${port} (${message})`;
    if (/Socket closed unexpectedly/.test(message))
      return `${host}:${port} closed the connection before answering (is a ${where.kind === 'redis' ? 'Redis' : 'PostgreSQL'} server listening there?)`;
    if (candidate instanceof StoreStartError) return message;
  }
  const first = all.find((value) => !/throwOnConnectError/.test(messageOf(value))) ?? error;
  return messageOf(first);
}
