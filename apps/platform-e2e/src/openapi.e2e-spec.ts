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
});
