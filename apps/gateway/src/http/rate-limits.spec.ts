import { testGateway } from '../gateway.test-factory.js';

describe('request rate limits', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;

  afterEach(() => gateway?.close());

  it('gives each tenant its budget, after authentication, and answers 429 with Retry-After in the surface shape', async () => {
    gateway = await testGateway({ env: { RATE_LIMIT_PER_TENANT_PER_MINUTE: '4', RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000' } });
    const acme = await gateway.token();
    const globex = await gateway.token({ userId: 'user-2', tenantId: 'tenant-2', tenantName: 'globex' });
    const get = (token: string, url = '/auth/me') => gateway.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

    for (let i = 0; i < 4; i++) expect((await get(acme)).statusCode).toBe(200);
    const refused = await get(acme, '/v2/accounts/10000001');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      overLimit: { code: 429, message: 'Too many requests for this tenant; retry after the time in Retry-After' },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await get(acme, '/api/rest/v2.9/billing/currencies')).json()).toMatchObject({ code: 'FAULT' });

    // Another tenant, and callers without a token (401, not counted against any tenant), are not held up.
    expect((await get(globex)).statusCode).toBe(200);
    expect((await gateway.inject({ method: 'GET', url: '/auth/me' })).statusCode).toBe(401);
  });

  it('counts every request of a client address before authentication', async () => {
    gateway = await testGateway({ env: { RATE_LIMIT_PER_CLIENT_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) expect((await gateway.inject({ method: 'GET', url: '/auth/me' })).statusCode).toBe(401);
    const refused = await gateway.inject({ method: 'GET', url: '/api/v01/customers' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: {
        status: 429,
        code: 'TOO_MANY_REQUESTS',
        message: 'Too many requests from this client address; retry after the time in Retry-After',
      },
    });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });

  it('can be switched off with 0', async () => {
    gateway = await testGateway({ env: { RATE_LIMIT_PER_CLIENT_PER_MINUTE: '0', RATE_LIMIT_PER_TENANT_PER_MINUTE: '0' } });
    const token = await gateway.token();
    for (let i = 0; i < 5; i++)
      expect((await gateway.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
        200,
      );
  });
});
