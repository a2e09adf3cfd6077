import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@billing/logging';
import { collectProcessMetrics, metricsRegistry } from './metrics.js';

/** One thing the app cannot serve without (NATS, its database), asked on every /readyz. */
export interface ReadinessCheck {
  name: string;
  check(): boolean | Promise<boolean>;
}

export interface OpsServerOptions {
  host: string;
  /** 0: any free port (the `ops listening` line says which). */
  port: number;
  checks: readonly ReadinessCheck[];
  /** A check that has not answered by then counts as down. */
  checkTimeoutMs: number;
  logger?: Pick<Logger, 'info' | 'error'>;
}

export interface OpsServer {
  readonly port: number;
  /** From now on /readyz answers 503: the app is shutting down and should get no new work. */
  setDraining(): void;
  close(): Promise<void>;
}

type CheckState = 'up' | 'down' | 'timeout';

export interface Readiness {
  status: 'ready' | 'not ready';
  draining?: true;
  checks: Record<string, CheckState>;
}

/** Runs every check at once, each bounded by the timeout; a check that throws is down. */
export async function readiness(checks: readonly ReadinessCheck[], timeoutMs: number, draining = false): Promise<Readiness> {
  const states = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
  const ready = !draining && states.every((s) => s === 'up');
  return {
    status: ready ? 'ready' : 'not ready',
    ...(draining ? { draining: true as const } : {}),
    checks: Object.fromEntries(checks.map((c, i) => [c.name, states[i]!])),
  };
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckState>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const answered = Promise.resolve()
      .then(() => check.check())
      .then(
        (up): CheckState => (up ? 'up' : 'down'),
        (): CheckState => 'down',
      );
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The app's operations listener, apart from any public port: `GET /livez` (200 while the event
 * loop turns), `GET /readyz` (200 only when every check is up, else 503; the JSON body names each
 * check) and `GET /metrics` (Prometheus text format). Logs `ops listening` with `opsPort` once bound.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  collectProcessMetrics();
  let draining = false;

  const server: Server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => {
      options.logger?.error({ err: error }, 'ops request failed');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else response.destroy();
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    switch (path) {
      case '/livez':
        return send(response, 200, 'application/json', '{"status":"live"}\n');
      case '/readyz': {
        const result = await readiness(options.checks, options.checkTimeoutMs, draining);
        return send(response, result.status === 'ready' ? 200 : 503, 'application/json', `${JSON.stringify(result)}\n`);
      }
      case '/metrics':
        return send(response, 200, metricsRegistry.contentType, await metricsRegistry.metrics());
      default:
        return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Never the reason the process stays up: the app's own connections are.
  server.unref();
  const port = (server.address() as AddressInfo).port;
  options.logger?.info({ opsPort: port, opsHost: options.host }, 'ops listening');

  return {
    port,
    setDraining: () => {
      draining = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
