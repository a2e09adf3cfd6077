import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];

describe.each(DATABASES)('billing API v2.9 currencies through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startPlatform({ database });
    token = await platform.token('admin', platform.adminPassword);
  });
  afterAll(() => platform?.stop());

  const expectDocumentEnvelope = (body: any) => {
    expect(Object.keys(body)).toEqual(['code', 'message', 'currencies']);
    expect(body.code).toBe('OK');
    expect(body.message).toBe('Currencies Retrieved Successfully');
    expect(body.currencies).toEqual(
      expect.arrayContaining([
        { code: 'AUD', name: 'Australian Dollar', symbol: '$' },
        { code: 'USD', name: 'US Dollar', symbol: '$' },
        { code: 'EUR', name: 'Euro', symbol: '€' },
        { code: 'GBP', name: 'Pound Sterling', symbol: '£' },
        { code: 'NZD', name: 'New Zealand Dollar', symbol: '$' },
        { code: 'CAD', name: 'Canadian Dollar', symbol: '$' },
        { code: 'JPY', name: 'Yen', symbol: '¥' },
      ]),
    );
    for (const currency of body.currencies) expect(Object.keys(currency)).toEqual(['code', 'name', 'symbol']);
  };

  it('answers GET /billing/currencies in the document envelope, from the pricing database', async () => {
    const res = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expectDocumentEnvelope(res.body);
  });

  it('gives the same answer to the json.php command form, by query and by JSON body', async () => {
    const rest = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token });
    const byQuery = await http(platform.baseUrl, '/api/rest/v2.9/json.php?cmd=billing.currency.get', { token });
    const byBody = await http(platform.baseUrl, '/api/rest/v2.9/json.php', { token, json: { cmd: 'billing.currency.get' } });
    expect(byQuery.status).toBe(200);
    expect(byBody.status).toBe(200);
    expect(byQuery.body).toEqual(rest.body);
    expect(byBody.body).toEqual(rest.body);
  });

  it('accepts the token as X-Auth-Token too', async () => {
    const res = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token, tokenHeader: 'x-auth-token' });
    expect(res.status).toBe(200);
    expectDocumentEnvelope(res.body);
  });

  it('answers an unknown or missing cmd with 400 FAULT', async () => {
    const unknown = await http(platform.baseUrl, '/api/rest/v2.9/json.php', { token, json: { cmd: 'billing.nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ code: 'FAULT', message: 'Unknown cmd "billing.nope"' });
    const missing = await http(platform.baseUrl, '/api/rest/v2.9/json.php', { token });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 'FAULT', message: 'Missing cmd' });
  });

  it('answers 401 FAULT without a token, with a forged one, and with "alg: none"', async () => {
    const none = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: 'FAULT', message: 'Missing access token' });

    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const forgedRes = await http(platform.baseUrl, '/api/rest/v2.9/json.php?cmd=billing.currency.get', { token: forged });
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.body.code).toBe('FAULT');

    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token: unsigned })).status).toBe(401);
    expect((await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token: 'garbage' })).status).toBe(401);
  });

  it('turns malformed JSON, a wrong content type and an oversized body into 4xx FAULTs', async () => {
    const malformed = await http(platform.baseUrl, '/api/rest/v2.9/json.php', {
      token,
      body: '{"cmd":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('FAULT');

    const wrongType = await http(platform.baseUrl, '/api/rest/v2.9/json.php', {
      token,
      body: 'cmd billing.currency.get',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('FAULT');

    const huge = await http(platform.baseUrl, '/api/rest/v2.9/json.php', {
      token,
      json: { cmd: 'billing.currency.get', padding: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('FAULT');

    const notAnObject = await http(platform.baseUrl, '/api/rest/v2.9/json.php', { token, json: ['billing.currency.get'] });
    expect(notAnObject.status).toBe(400);
  });

  it('answers an unknown path of the surface with 404 FAULT', async () => {
    // One segment under billing/ is GET billing/{customerId} (a word there is a 400); deeper is unknown.
    const res = await http(platform.baseUrl, '/api/rest/v2.9/billing/nothing/here/at-all', { token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('FAULT');
  });

  it('keeps a client X-Request-Id, makes one when absent, and logs requests as JSON without secrets', async () => {
    const given = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', {
      token,
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
    const made = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = platform
      .output()
      .split('\n')
      .filter((line) => line.includes('trace-abc-123'))
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({
        requestId: 'trace-abc-123',
        tenant: 'default',
        route: '/api/rest/v2.9/billing/currencies',
        status: 200,
        latencyMs: expect.any(Number),
      }),
    );
    expect(platform.output()).not.toContain(platform.adminPassword);
    expect(platform.output()).not.toContain(token);
  });
});
