import { httpServerMetrics } from '@billing/observability';
import { testGateway } from '../gateway.test-factory.js';
import { UNMATCHED_ROUTE } from './request-metrics.js';

describe('request metrics', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let token: string;
  const metrics = httpServerMetrics();

  beforeAll(async () => {
    gateway = await testGateway({ answer: () => ({ id: 17 }) });
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  it('counts each request once under its route template, method and status, never its raw URL', async () => {
    const series = metrics.series('/api/rest/v2.9/billing/quotes/:id', 'GET', 200);
    const before = series.count;
    for (const id of ['17', '18', '19']) {
      const response = await gateway.inject({
        method: 'GET',
        url: `/api/rest/v2.9/billing/quotes/${id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
    }
    expect(series.count).toBe(before + 3);
    expect(series.sum).toBeGreaterThan(0);

    const unauthorized = metrics.series('/api/rest/v2.9/billing/quotes/:id', 'GET', 401);
    const refused = unauthorized.count;
    await gateway.inject({ method: 'GET', url: '/api/rest/v2.9/billing/quotes/17' });
    expect(unauthorized.count).toBe(refused + 1);
    expect(series.count).toBe(before + 3);

    // Fastify's HEAD twin of a GET route records once, as HEAD.
    const head = metrics.series('/api/rest/v2.9/billing/quotes/:id', 'HEAD', 200);
    const heads = head.count;
    const response = await gateway.inject({
      method: 'HEAD',
      url: '/api/rest/v2.9/billing/quotes/17',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(head.count).toBe(heads + 1);
    expect(series.count).toBe(before + 3);
  });

  it('puts every unmatched request under one label, whatever its path', async () => {
    const unmatched = metrics.series(UNMATCHED_ROUTE, 'GET', 404);
    const before = unmatched.count;
    expect((await gateway.inject({ method: 'GET', url: '/no/such/path-1' })).statusCode).toBe(404);
    expect((await gateway.inject({ method: 'GET', url: '/no/such/path-2' })).statusCode).toBe(404);
    expect(unmatched.count).toBe(before + 2);
  });

  it('serves no metrics on the public port', async () => {
    expect((await gateway.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });
});
