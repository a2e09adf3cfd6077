import { startPlatform, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

describe('Swagger UI and the OpenAPI document', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ database: 'sqlite' });
  });
  afterAll(() => platform?.stop());

  it('serves the UI at /docs without a token', async () => {
    const res = await http(platform.baseUrl, '/docs');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger/i);
  });

  it('lists every route with its surface tag, schemas and both auth schemes', async () => {
    const { status, body } = await http(platform.baseUrl, '/docs-json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/token',
        '/auth/me',
        '/health',
        '/api/identity/users',
        '/api/identity/users/{id}',
        '/api/identity/tenants',
        '/api/rest/v2.9/billing/currencies',
        '/api/rest/v2.9/json.php',
      ]),
    );
    expect(body.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      'X-Auth-Token': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' }),
    });
    const currencies = body.paths['/api/rest/v2.9/billing/currencies'].get;
    expect(currencies.tags).toEqual(['Billing API v2.9']);
    expect(currencies.summary).toBe('Get Currencies');
    // Derived from the command row: its cmd name, and the command endpoint lists every cmd.
    expect(currencies['x-cmd']).toBe('billing.currency.get');
    expect(body.paths['/api/rest/v2.9/json.php'].post['x-commands']).toContain('billing.currency.get');
    expect(Object.keys(body.paths['/api/rest/v2.9/json.php'].post.requestBody.content)).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
    const schema = body.components.schemas.CurrenciesResponseDto;
    expect(Object.keys(schema.properties)).toEqual(['code', 'message', 'currencies']);
    expect(body.paths['/auth/token'].post.security).toEqual([]);
    for (const [path, operations] of Object.entries<any>(body.paths)) {
      for (const operation of Object.values<any>(operations)) {
        expect({ path, summary: operation.summary }).toEqual({ path, summary: expect.any(String) });
      }
    }
  });
  it('documents every billing API v2.9 operation with its cmd and an example envelope', async () => {
    const { body } = await http(platform.baseUrl, '/docs-json');
    const operations = Object.entries<any>(body.paths)
      .filter(([path]) => path.startsWith('/api/rest/v2.9/billing/'))
      .flatMap(([path, methods]) => Object.entries<any>(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(27);
    const cmds = new Map(operations.map(({ path, method, operation }) => [`${method.toUpperCase()} ${path}`, operation['x-cmd']]));
    expect(cmds.get('GET /api/rest/v2.9/billing/pricing')).toBe('pricing.get');
    expect(cmds.get('GET /api/rest/v2.9/billing/quotes')).toBe('billing.quotes.get');
    expect(cmds.get('POST /api/rest/v2.9/billing/quotes')).toBe('billing.quote.create');
    expect(cmds.get('GET /api/rest/v2.9/billing/options')).toBe('billing.pricing.options.get');
    expect(cmds.get('GET /api/rest/v2.9/billing/promocode/validate')).toBe('billing.promo.validate');
    expect(cmds.get('POST /api/rest/v2.9/billing/promocode/add')).toBe('billing.promo.addcode');
    for (const { path, method, operation } of operations) {
      const ref: string = operation.responses['200'].content['application/json'].schema.$ref;
      const schema = body.components.schemas[ref.split('/').pop()!];
      const where = `${method} ${path}`;
      expect({ where, code: schema.properties.code.example, message: typeof schema.properties.message.example }).toEqual({
        where,
        code: 'OK',
        message: 'string',
      });
      if (path !== '/api/rest/v2.9/billing/pricing/options')
        expect({ where, cmd: typeof operation['x-cmd'] }).toEqual({ where, cmd: 'string' });
    }
  });
  it('lists the Idempotency-Key header on every write and a 429 answer on every route', async () => {
    const { body } = await http(platform.baseUrl, '/docs-json');
    const operations = Object.entries<any>(body.paths).flatMap(([path, methods]) =>
      Object.entries<any>(methods).map(([method, operation]) => ({ where: `${method} ${path}`, method, operation })),
    );
    for (const { where, method, operation } of operations) {
      expect({ where, has429: '429' in operation.responses }).toEqual({ where, has429: true });
      const key = (operation.parameters ?? []).some((p: { name: string; in: string }) => p.name === 'Idempotency-Key' && p.in === 'header');
      expect({ where, key }).toEqual({ where, key: ['post', 'put', 'patch', 'delete'].includes(method) });
    }
  });
});
