import { Registry } from 'prom-client';
import { TimedCounter } from './metrics.js';
import { startOpsServer, type OpsServer, type Readiness } from './ops-server.js';

describe('the ops listener', () => {
  let natsUp = true;
  let database: () => Promise<boolean> = async () => true;
  let ops: OpsServer;
  let base: string;
  const lines: Array<{ fields: object; message: string }> = [];

  beforeAll(async () => {
    ops = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      checkTimeoutMs: 200,
      checks: [
        { name: 'nats', check: () => natsUp },
        { name: 'database', check: () => database() },
      ],
      logger: { info: (fields: object, message: string) => lines.push({ fields, message }), error: () => undefined } as never,
    });
    base = `http://127.0.0.1:${ops.port}`;
  });
  afterAll(() => ops.close());
  beforeEach(() => {
    natsUp = true;
    database = async () => true;
  });

  it('says where it listens', () => {
    expect(lines).toContainEqual({ fields: { opsPort: ops.port, opsHost: '127.0.0.1' }, message: 'ops listening' });
  });

  it('is live while the process runs', async () => {
    const response = await fetch(`${base}/livez`);
    expect(response.status).toBe(200);
  });

  it('is ready only while every check is up, naming each', async () => {
    let response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { nats: 'up', database: 'up' } });

    natsUp = false;
    response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not ready', checks: { nats: 'down', database: 'up' } });
  });

  it('counts a check that throws as down, and one that hangs past the deadline as timed out', async () => {
    database = async () => {
      throw new Error('connection refused');
    };
    let response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as Readiness).checks['database']).toBe('down');

    database = () => new Promise<boolean>(() => undefined);
    const started = Date.now();
    response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as Readiness).checks['database']).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('serves Prometheus text with the process metrics', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('answers nothing else', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/extra`)).status).toBe(404);
    expect((await fetch(`${base}/readyz`, { method: 'POST' })).status).toBe(405);
  });

  it('turns unready for good once draining', async () => {
    ops.setDraining();
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not ready', draining: true, checks: { nats: 'up', database: 'up' } });
  });
});

describe('a timed counter', () => {
  it('writes a counter and a cumulative histogram over the same label sets', async () => {
    const registry = new Registry();
    const metric = new TimedCounter(
      't_requests_total',
      't_request_duration_seconds',
      ['route', 'method', 'status'],
      { counter: 'c', histogram: 'h' },
      registry,
      [0.1, 1],
    );
    metric.series('/things/:id', 'GET', 200).observe(0.05);
    metric.series('/things/:id', 'GET', 200).observe(0.1);
    metric.series('/things/:id', 'GET', 200).observe(3);
    metric.series('/things/:id', 'GET', 404).observe(0.5);
    expect(metric.series('/things/:id', 'GET', 200)).toBe(metric.series('/things/:id', 'GET', 200));

    const text = await registry.metrics();
    const labels = 'route="/things/:id",method="GET"';
    expect(text).toContain('# TYPE t_requests_total counter');
    expect(text).toContain(`t_requests_total{${labels},status="200"} 3`);
    expect(text).toContain(`t_requests_total{${labels},status="404"} 1`);
    expect(text).toContain('# TYPE t_request_duration_seconds histogram');
    expect(text).toContain(`t_request_duration_seconds_bucket{${labels},status="200",le="0.1"} 2`);
    expect(text).toContain(`t_request_duration_seconds_bucket{${labels},status="200",le="1"} 2`);
    expect(text).toContain(`t_request_duration_seconds_bucket{${labels},status="200",le="+Inf"} 3`);
    expect(text).toMatch(/^t_request_duration_seconds_sum\{route="\/things\/:id",method="GET",status="200"\} 3\.15/m);
    expect(text).toContain(`t_request_duration_seconds_count{${labels},status="200"} 3`);
    expect(text).toContain(`t_request_duration_seconds_bucket{${labels},status="404",le="1"} 1`);
  });

  it('takes two labels as well', async () => {
    const registry = new Registry();
    const metric = new TimedCounter(
      'u_handled_total',
      'u_handle_duration_seconds',
      ['pattern', 'outcome'],
      { counter: 'c', histogram: 'h' },
      registry,
    );
    metric.series('pricing.currency.list', 'ok').observe(0.002);
    metric.series('pricing.quote.get', 'PRICING_QUOTE_NOT_FOUND').observe(0.003);
    const text = await registry.metrics();
    expect(text).toContain('u_handled_total{pattern="pricing.currency.list",outcome="ok"} 1');
    expect(text).toContain('u_handled_total{pattern="pricing.quote.get",outcome="PRICING_QUOTE_NOT_FOUND"} 1');
    expect(text).toContain('u_handle_duration_seconds_bucket{pattern="pricing.currency.list",outcome="ok",le="0.005"} 1');
  });
});
