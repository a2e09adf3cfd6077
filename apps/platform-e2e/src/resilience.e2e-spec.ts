import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SERVICES } from '@billing/contracts';
import { startPlatform, TEST_NATS_URL, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];

describe.each(DATABASES)('health and failure handling (%s)', (database) => {
  let platform: RunningPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startPlatform({ database, env: { RPC_TIMEOUT_MS: '1000', HEALTH_TIMEOUT_MS: '500' } });
    token = await platform.token('admin', platform.adminPassword);
  });
  afterAll(() => platform?.stop());

  it('reports every service up, and answers the Kubernetes probes', async () => {
    const health = await http(platform.baseUrl, '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    for (const name of ['nats', ...SERVICES]) {
      expect(health.body.details[name].status).toBe('up');
    }
    expect((await http(platform.baseUrl, '/health/live')).status).toBe(200);
    expect((await http(platform.baseUrl, '/health/ready')).status).toBe(200);
  });

  it('answers 503 at once when a service is stopped, names it in /health, and keeps serving the rest', async () => {
    await platform.stopApp('pricing');
    try {
      const started = Date.now();
      const res = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ code: 'FAULT', message: 'The pricing service is unavailable' });
      expect(Date.now() - started).toBeLessThan(900); // "no responders", not a waited-out timeout

      const health = await http(platform.baseUrl, '/health');
      expect(health.status).toBe(503);
      expect(health.body.error).toEqual({ pricing: expect.objectContaining({ status: 'down' }) });
      expect((await http(platform.baseUrl, '/health/ready')).status).toBe(200);

      // The gateway is up and other services still answer.
      expect((await http(platform.baseUrl, '/auth/me', { token })).status).toBe(200);
      expect((await http(platform.baseUrl, '/api/identity/users', { token })).status).toBe(200);
    } finally {
      await platform.startApp('pricing');
    }
    expect((await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token })).status).toBe(200);
  });

  it('answers 504 when a service takes longer than the request timeout', async () => {
    await platform.stopApp('pricing');
    // A responder that never answers stands in for a hung replica.
    const nc: NatsConnection = await connect({ servers: TEST_NATS_URL });
    const sub = nc.subscribe(`${platform.namespace}.pricing.currency.list`, { callback: () => undefined });
    try {
      const res = await http(platform.baseUrl, '/api/rest/v2.9/json.php?cmd=billing.currency.get', { token });
      expect(res.status).toBe(504);
      expect(res.body).toEqual({ code: 'FAULT', message: 'The pricing service did not answer in time' });
    } finally {
      sub.unsubscribe();
      await nc.close();
      await platform.startApp('pricing');
    }
  });

  it('does not hear another deployment on the same NATS server', async () => {
    const other = await startPlatform({ database: 'sqlite' });
    try {
      await other.stopApp('pricing');
      const otherToken = await other.token('admin', other.adminPassword);
      // Our pricing is running, but the other namespace has none: no crosstalk, so 503.
      const res = await http(other.baseUrl, '/api/rest/v2.9/billing/currencies', { token: otherToken });
      expect(res.status).toBe(503);
      // Our token means nothing to the other deployment (a different signing key).
      expect((await http(other.baseUrl, '/auth/me', { token })).status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});
