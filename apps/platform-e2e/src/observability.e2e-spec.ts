import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { APPS } from '@billing/contracts';
import { startPlatform, TEST_NATS_URL, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

/** One sample of a metric: its labels and value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (enough of it for these tests: no escaped quotes in label values). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample with this name whose labels include these (0 when there is none yet). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value ?? 0;
}

async function scrape(platform: RunningPlatform, app: string): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(`${await platform.opsUrl(app)}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, samples: parseMetrics(text) };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await delay(100);
  }
}

/**
 * A TCP proxy in front of the NATS server: the platform connects through it, so a test can take
 * NATS away from the apps (and give it back) without touching the server others use.
 */
async function natsProxy(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(TEST_NATS_URL);
  const sockets = new Set<Socket>();
  let server: TcpServer;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createTcpServer((client) => {
        const upstream = connect(Number(target.port || 4222), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  await listen();
  return { url: `nats://127.0.0.1:${port}`, cut: stop, restore: listen, close: stop };
}

describe('metrics and probes on the ops port (PostgreSQL)', () => {
  let platform: RunningPlatform;
  let nats: Awaited<ReturnType<typeof natsProxy>>;
  let token: string;

  beforeAll(async () => {
    nats = await natsProxy();
    platform = await startPlatform({ database: 'postgres', env: { OPS_PORT: '0', NATS_URL: nats.url } });
    token = await platform.token('admin', platform.adminPassword);
  });
  afterAll(async () => {
    await platform?.stop();
    await nats?.close();
  });

  it('counts requests on the gateway by route template, and handled messages on pricing by pattern and outcome', async () => {
    const route = { route: '/api/rest/v2.9/billing/currencies', method: 'GET', status: '200' };
    const handled = { pattern: 'pricing.currency.list', outcome: 'ok' };
    const gatewayBefore = (await scrape(platform, 'gateway')).samples;
    const pricingBefore = (await scrape(platform, 'pricing')).samples;

    for (let i = 0; i < 3; i++) {
      expect((await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token })).status).toBe(200);
    }
    // An id the service does not know: a 404 under the route's template, a NOT_FOUND outcome in pricing.
    expect((await http(platform.baseUrl, '/api/rest/v2.9/billing/quotes/987654', { token })).status).toBe(404);

    const gateway = await scrape(platform, 'gateway');
    const pricing = await scrape(platform, 'pricing');
    const moved = (after: Sample[], before: Sample[], name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved(gateway.samples, gatewayBefore, 'http_requests_total', route)).toBe(3);
    expect(moved(gateway.samples, gatewayBefore, 'http_request_duration_seconds_count', route)).toBe(3);
    expect(valueOf(gateway.samples, 'http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(
      valueOf(gateway.samples, 'http_requests_total', route),
    );
    const quoteRoute = { route: '/api/rest/v2.9/billing/quotes/:id', method: 'GET', status: '404' };
    expect(moved(gateway.samples, gatewayBefore, 'http_requests_total', quoteRoute)).toBe(1);
    expect(gateway.text).not.toContain('987654');

    expect(moved(pricing.samples, pricingBefore, 'rpc_handled_total', handled)).toBe(3);
    expect(moved(pricing.samples, pricingBefore, 'rpc_handle_duration_seconds_count', handled)).toBe(3);
    const notFound = { pattern: 'pricing.quote.get', outcome: 'PRICING_QUOTE_NOT_FOUND' };
    expect(moved(pricing.samples, pricingBefore, 'rpc_handled_total', notFound)).toBe(1);
  });

  it('reports process metrics on every app, and the PostgreSQL pool on the services', async () => {
    for (const app of APPS) {
      const { samples } = await scrape(platform, app);
      const names = new Set(samples.map((s) => s.name));
      expect({ app, cpu: names.has('process_cpu_user_seconds_total'), lag: names.has('nodejs_eventloop_lag_seconds') }).toEqual({
        app,
        cpu: true,
        lag: true,
      });
      if (app === 'gateway') continue;
      expect({ app, max: valueOf(samples, 'db_pool_max_connections', { pool: app }) }).toEqual({ app, max: 10 });
      expect(samples.some((s) => s.name === 'db_pool_connections' && s.labels['pool'] === app && s.labels['state'] === 'idle')).toBe(true);
    }
  });

  it('answers the probes on every app, and nothing of it on the public port', async () => {
    for (const app of APPS) {
      const ops = await platform.opsUrl(app);
      expect({ app, live: (await fetch(`${ops}/livez`)).status }).toEqual({ app, live: 200 });
      const ready = await fetch(`${ops}/readyz`);
      const body = (await ready.json()) as { status: string; checks: Record<string, string> };
      const checks = app === 'gateway' ? { nats: 'up', http: 'up' } : { nats: 'up', database: 'up' };
      expect({ app, status: ready.status, body }).toEqual({ app, status: 200, body: { status: 'ready', checks } });
    }
    for (const path of ['/metrics', '/livez', '/readyz']) {
      expect({ path, status: (await http(platform.baseUrl, path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('turns unready while NATS is unreachable, stays live, and ready again once it is back', async () => {
    const pricing = await platform.opsUrl('pricing');
    const gateway = await platform.opsUrl('gateway');
    await nats.cut();
    try {
      const down = await eventually(
        () => fetch(`${pricing}/readyz`),
        (r) => r.status === 503,
      );
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'not ready', checks: { nats: 'down', database: 'up' } });
      expect(
        (
          await eventually(
            () => fetch(`${gateway}/readyz`),
            (r) => r.status === 503,
          )
        ).status,
      ).toBe(503);
      expect((await fetch(`${pricing}/livez`)).status).toBe(200);
    } finally {
      await nats.restore();
    }
    expect(
      (
        await eventually(
          () => fetch(`${pricing}/readyz`),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await eventually(
          () => fetch(`${gateway}/readyz`),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
  });
});

/** An OTLP/HTTP receiver: collects the spans the apps post (JSON) to /v1/traces. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SPAN_KIND = { SERVER: 2, CLIENT: 3 } as const;

async function otlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; contentTypes: Set<string>; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server: Server = createHttpServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      contentTypes.add(String(request.headers['content-type']));
      if (request.method === 'POST' && request.url === '/v1/traces') {
        const payload = JSON.parse(body) as { resourceSpans?: any[] };
        for (const resourceSpans of payload.resourceSpans ?? []) {
          const service = attributesOf(resourceSpans.resource?.attributes)['service.name'] as string;
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId ?? '',
                name: span.name,
                kind: span.kind,
                attributes: attributesOf(span.attributes),
              });
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function attributesOf(list: Array<{ key: string; value: Record<string, unknown> }> | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));
}

describe('one trace from the gateway through NATS into a service and its database (SQLite)', () => {
  let platform: RunningPlatform;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let token: string;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    platform = await startPlatform({
      database: 'sqlite',
      env: { OPS_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    token = await platform.token('admin', platform.adminPassword);
  });
  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  /** The spans of the trace whose gateway server span served this request id. */
  const traceOf = async (requestId: string, expectedSpans: (spans: ReceivedSpan[]) => boolean) => {
    const spansOfTrace = () => {
      const root = receiver.spans.find((s) => s.kind === SPAN_KIND.SERVER && s.attributes['billing.request_id'] === requestId);
      return root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
    };
    return eventually(async () => spansOfTrace(), expectedSpans);
  };

  it('links the gateway server span, its client span, the pricing server span and its queries', async () => {
    const response = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token, headers: { 'x-request-id': 'trace-one' } });
    expect(response.status).toBe(200);

    const spans = await traceOf('trace-one', (found) => found.some((s) => s.service === 'billing-pricing' && s.name === 'select'));
    const server = spans.find((s) => s.service === 'billing-gateway' && s.kind === SPAN_KIND.SERVER);
    expect(server).toMatchObject({ name: 'GET /api/rest/v2.9/billing/currencies', parentSpanId: '' });
    expect(server!.attributes).toMatchObject({ 'http.route': '/api/rest/v2.9/billing/currencies', 'http.response.status_code': 200 });

    const client = spans.find((s) => s.service === 'billing-gateway' && s.kind === SPAN_KIND.CLIENT && s.name === 'pricing.currency.list');
    expect(client?.parentSpanId).toBe(server!.spanId);

    const handler = spans.find((s) => s.service === 'billing-pricing' && s.kind === SPAN_KIND.SERVER && s.name === 'pricing.currency.list');
    expect(handler?.parentSpanId).toBe(client!.spanId);

    const query = spans.find((s) => s.service === 'billing-pricing' && s.name === 'select');
    expect(query?.parentSpanId).toBe(handler!.spanId);
    expect(query!.attributes).toMatchObject({ 'db.system.name': 'sqlite', 'db.operation.name': 'select' });
    expect(String(query!.attributes['db.query.text'])).toMatch(/^select .*currency/i);

    expect([...receiver.contentTypes]).toEqual(['application/json']);
  });

  it('keeps the trace through a body that arrives after the headers (sign-in reaches accounts), and continues a client traceparent', async () => {
    const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    // The body comes in two late chunks, so Fastify reads it in the socket's own async context.
    const status = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ username: 'admin', password: platform.adminPassword });
      const request = httpRequest(`${platform.baseUrl}/auth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-request-id': 'trace-two',
          traceparent: `00-${clientTrace}-00f067aa0ba902b7-01`,
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.flushHeaders();
      setTimeout(() => request.write(body.slice(0, 10)), 50);
      setTimeout(() => request.end(body.slice(10)), 100);
    });
    expect(status).toBe(200);

    const spans = await traceOf('trace-two', (found) => found.some((s) => s.service === 'billing-accounts' && s.kind === SPAN_KIND.SERVER));
    const server = spans.find((s) => s.service === 'billing-gateway' && s.kind === SPAN_KIND.SERVER)!;
    expect(server.traceId).toBe(clientTrace);
    expect(server.parentSpanId).toBe('00f067aa0ba902b7');
    const handler = spans.find((s) => s.service === 'billing-accounts' && s.kind === SPAN_KIND.SERVER)!;
    const client = spans.find((s) => s.spanId === handler.parentSpanId)!;
    expect(client).toMatchObject({ service: 'billing-gateway', kind: SPAN_KIND.CLIENT, parentSpanId: server.spanId });
  });
});
