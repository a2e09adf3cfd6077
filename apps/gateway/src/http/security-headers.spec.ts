import { testGateway } from '../gateway.test-factory.js';
import { API_CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY, isDocsPage } from './security-headers.js';

describe('security headers and CORS', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let token: string;

  beforeAll(async () => {
    gateway = await testGateway({ env: { CORS_ORIGINS: 'https://app.example.com, HTTP://Localhost:5173' } });
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  it('knows the Swagger UI page and its files from the documents', () => {
    expect(['/docs', '/docs/', '/docs/swagger-ui-bundle.js', '/docs?x=1'].every(isDocsPage)).toBe(true);
    expect(['/docs-json', '/docs-yaml', '/documents', '/api/docs'].some(isDocsPage)).toBe(false);
  });

  it.each([
    ['an answer', 'GET', '/auth/me', true],
    ['a 401', 'GET', '/auth/me', false],
    ['a 404', 'GET', '/nowhere', true],
    ['a 405', 'DELETE', '/auth/me', true],
  ])('are on %s', async (_what, method, url, withToken) => {
    const res = await gateway.inject({ method, url, headers: withToken ? { authorization: `Bearer ${token}` } : {} });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': API_CONTENT_SECURITY_POLICY,
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives Swagger UI its own policy: scripts from this origin only, nothing inline', () => {
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(DOCS_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('answers a preflight from a listed origin, and from no other', async () => {
    const preflight = (origin: string) =>
      gateway.inject({
        method: 'OPTIONS',
        url: '/v2/accounts',
        headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,idempotency-key' },
      });
    for (const origin of ['https://app.example.com', 'http://localhost:5173']) {
      const allowed = await preflight(origin);
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(origin);
      expect(allowed.headers['access-control-allow-methods']).toContain('PATCH');
      expect(allowed.headers['access-control-allow-headers']).toContain('idempotency-key');
    }
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      const refused = await preflight(origin);
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('lets a listed origin read answers and errors, with Vary: Origin', async () => {
    const read = await gateway.inject({ method: 'GET', url: '/auth/me', headers: { origin: 'https://app.example.com' } });
    expect(read.statusCode).toBe(401);
    expect(read.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(read.headers['access-control-expose-headers']).toContain('retry-after');
    expect(read.headers['vary']).toMatch(/origin/i);
    const other = await gateway.inject({ method: 'GET', url: '/auth/me', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS by default', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;

  beforeAll(async () => {
    gateway = await testGateway();
  });
  afterAll(() => gateway?.close());

  it('is closed: no preflight is answered, no answer is shared', async () => {
    const preflight = await gateway.inject({
      method: 'OPTIONS',
      url: '/auth/token',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(404);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await gateway.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://app.example.com' } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});
