import { startPlatform, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

/** Each surface's error shape, by path: every error must come back in it. */
function expectSurfaceShape(path: string, status: number, body: any): void {
  if (path.startsWith('/api/rest/v2.9/')) expect(body).toEqual({ code: 'FAULT', message: expect.any(String) });
  else if (path.startsWith('/v2/accounts')) expect(Object.values(body)).toEqual([{ code: status, message: expect.any(String) }]);
  else if (path.startsWith('/api/v01/')) expect(body).toEqual({ error: expect.objectContaining({ status, code: expect.any(String) }) });
  else expect(body).toEqual(expect.objectContaining({ statusCode: status, code: expect.any(String), message: expect.any(String) }));
}

const SAMPLE_BODIES: Record<string, string> = {
  'application/json': '{}',
  'application/xml': '<x/>',
  'text/csv': 'a,b\n1,2\n',
  'application/x-www-form-urlencoded': 'a=1',
  'text/plain': 'hello',
};

/**
 * Every operation the gateway documents, sent a body in every media type it does not declare:
 * the answer is 415 (or 400), in the surface's own error shape, and never a 500.
 */
describe('one media rule for every route', () => {
  let platform: RunningPlatform;
  let token: string;
  let paths: Record<string, Record<string, any>>;

  beforeAll(async () => {
    platform = await startPlatform({ database: 'sqlite' });
    token = await platform.token('admin', platform.adminPassword);
    paths = (await http(platform.baseUrl, '/docs-json')).body.paths;
  });
  afterAll(() => platform?.stop());

  it('answers a body of a type a route does not take with 415 in its surface shape', async () => {
    let checked = 0;
    for (const [template, operations] of Object.entries(paths)) {
      const path = template.replace(/\{[^}]+\}/g, '10000001');
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method) || path.startsWith('/auth/token')) continue;
        const declared = Object.keys(operation.requestBody?.content ?? { 'application/json': {} });
        for (const [type, body] of Object.entries(SAMPLE_BODIES)) {
          if (declared.includes(type)) continue;
          const res = await http(platform.baseUrl, path, { method: method.toUpperCase(), token, body, headers: { 'content-type': type } });
          expect({ method, path, type, clientError: [415, 400].includes(res.status) }).toEqual({ method, path, type, clientError: true });
          expectSurfaceShape(path, res.status, res.body);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('keeps the document 004 case that used to fail: XML to tenant billing', async () => {
    const res = await http(platform.baseUrl, '/api/tenant/billing', {
      token,
      body: '<billing/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
  });
});
