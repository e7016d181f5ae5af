// The operator's HTTP endpoint (METRICS_PORT; off by default): /healthz answers while the process runs,
// /readyz once the store and the platform connection answer, /metrics in Prometheus's text format.
import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';

/** A dependency /readyz checks: resolves true when usable; false or a rejection means not ready. */
export type ReadinessCheck = () => Promise<boolean> | boolean;

export interface MetricsServer {
  /** The port it listens on (the one asked for, or the one the OS chose for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** A check that takes longer than this counts as failed, so /readyz always answers quickly. */
const CHECK_TIMEOUT_MS = 2_000;

export async function startMetricsServer(options: {
  port: number;
  host?: string | undefined;
  metrics: Metrics;
  checks: Readonly<Record<string, ReadinessCheck>>;
  logger: Logger;
}): Promise<MetricsServer> {
  const { metrics, checks, logger } = options;

  async function readiness(): Promise<Record<string, boolean>> {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
        });
        try {
          return [name, await Promise.race([Promise.resolve().then(check), timeout])] as const;
        } catch {
          return [name, false] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return Object.fromEntries(results);
  }

  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    void (async () => {
      switch (path) {
        case '/healthz':
          send(200, 'text/plain; charset=utf-8', 'ok\n');
          return;
        case '/readyz': {
          const results = await readiness();
          const ready = Object.values(results).every(Boolean);
          send(ready ? 200 : 503, 'application/json', `${JSON.stringify({ ready, checks: results })}\n`);
          return;
        }
        case '/metrics':
          send(200, metrics.registry.contentType, await metrics.registry.metrics());
          return;
        default:
          send(404, 'text/plain; charset=utf-8', 'not found: try /healthz, /readyz or /metrics\n');
      }
    })().catch((error: unknown) => {
      logger.error({ err: error, path }, 'metrics endpoint failed');
      if (!response.headersSent) send(500, 'text/plain; charset=utf-8', 'error\n');
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ port, host: options.host }, 'metrics endpoint listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
