import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http, type HttpResult } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

/** The defaults the gateway ships with (README, configuration). */
const MAX_DEPTH = 32;
const MAX_ARRAY_ITEMS = 10_000;
const MAX_STRING_LENGTH = 64 * 1024;
const BODY_LIMIT_BYTES = 1024 * 1024;

type Surface = 'billing-api' | 'customers' | 'accounts' | 'telephony' | 'platform';

/** The error body each surface answers (docs/dialects.md), with the status and message it carries. */
function errorOf(surface: Surface, body: any): { status: number; message: string } | undefined {
  switch (surface) {
    case 'billing-api':
      return body?.code === 'FAULT' && Object.keys(body).length === 2 ? { status: NaN, message: body.message } : undefined;
    case 'customers':
      return body?.error ? { status: body.error.status, message: body.error.message } : undefined;
    case 'accounts': {
      const [fault] = Object.values(body ?? {}) as Array<{ code: number; message: string }>;
      return Object.keys(body ?? {}).length === 1 && fault ? { status: fault.code, message: fault.message } : undefined;
    }
    default:
      return typeof body?.statusCode === 'number' && typeof body.code === 'string'
        ? { status: body.statusCode, message: body.message }
        : undefined;
  }
}

/** Asserts the answer is `status` in the surface's shape, with a message matching `message`. */
function expectRefusal(surface: Surface, res: { status: number; body: any }, status: number, message: RegExp): void {
  const error = errorOf(surface, res.body);
  expect({ status: res.status, shaped: error !== undefined, message: error?.message }).toEqual({
    status,
    shaped: true,
    message: expect.stringMatching(message),
  });
  if (surface !== 'billing-api') expect(error?.status).toBe(status);
}

interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: any;
}

/** One request through node:http, from a loopback address of the caller's choosing (a client of its own). */
function raw(
  baseUrl: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; from?: string; token?: string } = {},
): Promise<RawResult> {
  const url = new URL(baseUrl);
  const headers = { ...init.headers, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers, localAddress: init.from },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** `fields` (JSON text) spliced into a JSON object's text, so keys such as __proto__ arrive as written. */
const withFields = (valid: object, fields: string) => JSON.stringify(valid).replace(/^\{/, `{${fields},`);

describe.each(DATABASES)('hostile input on every surface (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });

  /** One JSON write per surface that succeeds as it is, and what it would create. */
  const WRITES: Array<{ surface: Surface; method: string; path: string; valid: Record<string, unknown> }> = [
    {
      surface: 'billing-api',
      method: 'POST',
      path: '/api/rest/v2.9/billing/products',
      valid: { code: 'hostile', name: 'Hostile', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] },
    },
    { surface: 'customers', method: 'PUT', path: '/api/v01/customers', valid: { firstName: 'Mallory' } },
    { surface: 'accounts', method: 'POST', path: '/v2/accounts', valid: { name: 'hostile', currency: 'USD' } },
    { surface: 'telephony', method: 'POST', path: '/api/call_rates', valid: { ...UK_RATE, prefix: '33' } },
    {
      surface: 'platform',
      method: 'POST',
      path: '/api/identity/users',
      valid: { username: 'mallory', password: PASSWORD, roles: ['observer'] },
    },
  ];

  /** Everything those writes could have created. */
  const stored = async () => ({
    products: (await api('/api/rest/v2.9/billing/products?resWindow=500')).body.products.length as number,
    customers: (await api('/api/v01/customers?limit=1000')).body.length as number,
    accounts: (await api('/v2/accounts/10000001')).status,
    rates: (await api('/api/call_rates')).body.count as number,
    users: (await api('/api/identity/users')).body.length as number,
  });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
  });
  afterAll(() => platform?.stop());

  describe('JSON bodies beyond the shape limits are 400 in the surface shape, and store nothing', () => {
    const HOSTILE: Array<[string, string, RegExp]> = [
      [
        `nesting ${MAX_DEPTH + 1} deep`,
        `"extra":${nested(MAX_DEPTH + 1)}`,
        new RegExp(`nested deeper than ${MAX_DEPTH} objects and arrays`),
      ],
      [
        `an array of ${MAX_ARRAY_ITEMS + 1} items`,
        `"extra":${JSON.stringify(Array(MAX_ARRAY_ITEMS + 1).fill(0))}`,
        new RegExp(`array of more than ${MAX_ARRAY_ITEMS} items`),
      ],
      [
        `a string of ${MAX_STRING_LENGTH + 1} characters`,
        `"extra":"${'x'.repeat(MAX_STRING_LENGTH + 1)}"`,
        new RegExp(`string longer than ${MAX_STRING_LENGTH} characters`),
      ],
      ['a "__proto__" key', '"__proto__":{"isAdmin":true}', /may not use "__proto__" as a key/],
      [
        'a "constructor" key, nested',
        '"extra":[{"constructor":{"prototype":{"isAdmin":true}}}]',
        /may not use "(constructor|prototype)" as a key/,
      ],
      ['a "prototype" key', '"prototype":{"polluted":1}', /may not use "prototype" as a key/],
    ];

    it.each(HOSTILE)('%s', async (_what, fields, message) => {
      const before = await stored();
      for (const write of WRITES) {
        const res = await api(write.path, {
          method: write.method,
          body: withFields(write.valid, fields),
          headers: { 'content-type': 'application/json' },
        });
        expectRefusal(write.surface, res, 400, message);
      }
      expect(await stored()).toEqual(before);
    });

    it('a JSON body that is not an object or an array is 400 on every surface (a bare string was a 500 on /api/tenant/billing)', async () => {
      const before = await stored();
      for (const body of ['"text"', '9007199254740994', 'null', 'true']) {
        for (const write of WRITES) {
          const res = await api(write.path, { method: write.method, body, headers: { 'content-type': 'application/json' } });
          expectRefusal(write.surface, res, 400, /must be a JSON object or array/);
        }
        const billing = await api('/api/tenant/billing', { body, headers: { 'content-type': 'application/json' } });
        expectRefusal('telephony', billing, 400, /must be a JSON object or array/);
      }
      expect(await stored()).toEqual(before);
    });

    it(`a body over BODY_LIMIT_BYTES is 413 on every surface`, async () => {
      const before = await stored();
      for (const write of WRITES) {
        const body = withFields(write.valid, `"extra":"${'x'.repeat(BODY_LIMIT_BYTES)}"`);
        const res = await api(write.path, { method: write.method, body, headers: { 'content-type': 'application/json' } });
        expectRefusal(write.surface, res, 413, /too large/);
      }
      expect(await stored()).toEqual(before);
    });

    it('the legitimate limits still pass: the 10,000-call bulk rating, 32 levels, a 64 KiB string', async () => {
      expect((await api('/api/call_rates', { json: UK_RATE })).status).toBe(200);
      const items = Array.from({ length: MAX_ARRAY_ITEMS }, (_, i) => ({ number: `44${1000 + i}`, duration: 61 }));
      const bulk = await api('/api/calls/rate', { json: { items } });
      expect(bulk.status).toBe(200);
      expect(bulk.body.items).toHaveLength(MAX_ARRAY_ITEMS);
      // Extra fields are ignored by the Billing API (PHP-era clients send them): the limits, not the route, decide.
      const command = (extra: string) =>
        api('/api/rest/v2.9/json.php', {
          body: `{"cmd":"billing.currency.get",${extra}}`,
          headers: { 'content-type': 'application/json' },
        });
      expect((await command(`"x":${nested(MAX_DEPTH - 1)}`)).status).toBe(200);
      expect((await command(`"x":"${'y'.repeat(MAX_STRING_LENGTH)}"`)).status).toBe(200);
      expect((await command(`"x":${nested(MAX_DEPTH)}`)).status).toBe(400);
    });
  });

  describe('forms, XML and query strings', () => {
    const form = (body: string) =>
      api('/api/rest/v2.9/json.php', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const CREATE_PRODUCT = 'cmd=billing.product.create&code=formed&name=Formed&unit=each&chargeType=ONE_OFF';

    it.each(['__proto__', 'constructor', 'prototype'])('a form field named %s is 400, and nothing is created', async (key) => {
      const before = await stored();
      expectRefusal('billing-api', await form(`${CREATE_PRODUCT}&${encodeURIComponent(key)}=1`), 400, new RegExp(`may not use "${key}"`));
      expect(await stored()).toEqual(before);
    });

    it('a form of more fields than the array limit is 400 (fields past 1,000 were dropped silently)', async () => {
      expectRefusal('billing-api', await form(`cmd=billing.currency.get${'&a=1'.repeat(MAX_ARRAY_ITEMS)}`), 400, /more than 10000 fields/);
      // The command named after the first 1,000 fields was dropped, and the form answered as if it had none.
      const late = await form(`${'&a=1'.repeat(1000)}&cmd=billing.currency.get`);
      expect(late.status).toBe(200);
      expect(late.body.currencies.length).toBeGreaterThan(0);
    });

    it.each([
      ['a DOCTYPE', '<!DOCTYPE customer><customer><firstName>x</firstName></customer>', 400, /DOCTYPE or entities/],
      [
        'an external entity',
        '<!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><customer><firstName>&x;</firstName></customer>',
        400,
        /DOCTYPE/,
      ],
      ['a <__proto__> element', '<customer><__proto__><isAdmin>true</isAdmin></__proto__></customer>', 400, /__proto__/],
      ['a <prototype> element', '<customer><firstName>x</firstName><prototype>y</prototype></customer>', 400, /prototype/],
      ['more than 64 KiB', `<customer><firstName>${'x'.repeat(70_000)}</firstName></customer>`, 413, /longer than/],
      ['more than BODY_LIMIT_BYTES', `<customer><firstName>${'x'.repeat(BODY_LIMIT_BYTES)}</firstName></customer>`, 413, /too large/],
    ])('XML with %s is refused in the /api/v01 shape', async (_what, xml, status, message) => {
      const before = await stored();
      const res = await api('/api/v01/customers', { method: 'PUT', body: xml, headers: { 'content-type': 'application/xml' } });
      expectRefusal('customers', res, status, message);
      expect(await stored()).toEqual(before);
    });

    it('XML with a DOCTYPE is refused before any route sees it, even one that takes no XML', async () => {
      const res = await api('/api/call_rates', {
        body: '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
        headers: { 'content-type': 'text/xml' },
      });
      expectRefusal('telephony', res, 400, /DOCTYPE or entities/);
    });

    it('a prototype key in a query string is 400 on every surface', async () => {
      for (const [surface, path] of [
        ['billing-api', '/api/rest/v2.9/billing/currencies?__proto__[x]=1&__proto__=1'],
        ['customers', '/api/v01/customers?constructor=1'],
        ['accounts', '/v2/accounts/10000001?prototype=1'],
        ['telephony', '/api/call_rates?__proto__=1'],
        ['platform', '/api/audit?constructor=x'],
      ] as Array<[Surface, string]>) {
        expectRefusal(surface, await api(path), 400, /may not use "(__proto__|constructor|prototype)" as a key/);
      }
    });

    it.each([
      ['ends before its closing boundary', '--b\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n\r\nprefix\r\n'],
      ['uses another boundary than its header names', '--other\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--other--\r\n'],
    ])('an upload that %s is 400 (it was a 500)', async (_what, body) => {
      const res = await api('/api/call_rates/import', { body, headers: { 'content-type': 'multipart/form-data; boundary=b' } });
      expectRefusal('telephony', res, 400, /^The upload is not a readable multipart body/);
    });

    it('a multipart field named __proto__ is 400', async () => {
      const body = '--b\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--b--\r\n';
      const res = await api('/api/call_rates/import', { body, headers: { 'content-type': 'multipart/form-data; boundary=b' } });
      expectRefusal('telephony', res, 400, /prototype/);
    });
  });

  describe('numbers beyond the documented ranges are 400 in the surface shape', () => {
    it.each([
      ['billing-api', 'GET', '/api/rest/v2.9/billing/products?resWindow=501', undefined, /resWindow must be a whole number from 1 to 500/],
      [
        'billing-api',
        'GET',
        '/api/rest/v2.9/billing/quotes/9007199254740993',
        undefined,
        /id must be a whole number from 1 to 9007199254740991/,
      ],
      [
        'billing-api',
        'POST',
        '/api/rest/v2.9/billing/quotes',
        { customerId: 1, currency: 'USD', lines: [{ productCode: 'x', quantity: '1000000000000' }] },
        /quantity must be a non-negative decimal number below 10\^12/,
      ],
      ['customers', 'GET', '/api/v01/customers?limit=1001', undefined, /limit must be a whole number from 1 to 1000/],
      ['customers', 'GET', '/api/v01/customers?offset=-1', undefined, /offset must be a whole number from 0/],
      [
        'accounts',
        'POST',
        '/v2/accounts',
        { name: 'x', currency: 'USD', billingDay: 29 },
        /billingDay must be a whole number from 1 to 28/,
      ],
      ['accounts', 'POST', '/v2/accounts', { name: 'x', currency: 'USD', monthlyRecurringRevenue: '1e400' }, /monthlyRecurringRevenue/],
      ['accounts', 'GET', '/v2/accounts/10000001/accounts?limit=201', undefined, /limit must be a whole number from 1 to 200/],
      ['telephony', 'GET', '/api/call_rates?top=101', undefined, /top must be a whole number from 1 to 100/],
      ['telephony', 'POST', '/api/call_rates', { ...UK_RATE, prefix: '34', price_1: 1e9 }, /price_1 must be less than 1000000000/],
      [
        'telephony',
        'POST',
        '/api/calls/rate',
        { number: '44123', duration: -1 },
        /duration must be a whole number of seconds from 0 to 604800/,
      ],
      ['telephony', 'POST', '/api/calls/rate', { number: '44123', duration: 1.5 }, /duration must be a whole number/],
      [
        'telephony',
        'POST',
        '/api/calls/rate',
        { number: '44123', duration: 1e300 },
        /duration must be a whole number of seconds from 0 to 604800/,
      ],
      ['platform', 'GET', '/api/audit?limit=501', undefined, /limit must not be greater than 500/],
    ] as Array<[Surface, string, string, unknown, RegExp]>)('%s: %s %s', async (surface, method, path, json, message) => {
      const before = await stored();
      expectRefusal(surface, await api(path, { method, ...(json === undefined ? {} : { json }) }), 400, message);
      expect(await stored()).toEqual(before);
    });

    it('an integer a double cannot hold is never rounded into range', async () => {
      const res = await api('/api/calls/rate', {
        body: '{"number":"44123","duration":9007199254740993}',
        headers: { 'content-type': 'application/json' },
      });
      expectRefusal('telephony', res, 400, /duration must be a whole number/);
    });
  });

  describe('security headers', () => {
    const EXPECTED = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    };
    const check = (what: string, res: { status: number; headers: Headers }) => {
      const headers = Object.fromEntries(res.headers);
      expect({ what, ...headers }).toMatchObject({ what, ...EXPECTED });
      expect({ what, poweredBy: headers['x-powered-by'] }).toEqual({ what, poweredBy: undefined });
    };

    it('are on every answer: success, every error status, unknown routes, health and the OpenAPI document', async () => {
      const cases: Array<[string, Promise<HttpResult>]> = [
        ['200', api('/api/rest/v2.9/billing/currencies')],
        ['201', api('/api/v01/customers', { method: 'PUT', json: { firstName: 'Headers' } })],
        ['400 malformed JSON', api('/v2/accounts', { body: '{"name":', headers: { 'content-type': 'application/json' } })],
        ['401', http(platform.baseUrl, '/api/v01/customers')],
        ['404 route', api('/nowhere')],
        ['404 object', api('/v2/accounts/99999999')],
        ['405', api('/auth/me', { method: 'DELETE' })],
        ['406', api('/v2/accounts/10000001', { headers: { accept: 'application/xml' } })],
        ['413', api('/v2/accounts', { body: `"${'x'.repeat(BODY_LIMIT_BYTES)}"`, headers: { 'content-type': 'application/json' } })],
        ['415', api('/v2/accounts', { body: 'x', headers: { 'content-type': 'text/plain' } })],
        ['health', http(platform.baseUrl, '/health')],
        ['docs-json', http(platform.baseUrl, '/docs-json')],
      ];
      for (const [what, pending] of cases) check(what, await pending);

      // Answers written before any hook runs: by the router (a malformed escape, an over-long path
      // parameter) and by Node's HTTP parser (a byte no request line may hold, headers over 16 KiB).
      const early: Array<[string, Promise<RawResult>, number]> = [
        ['bad escape', raw(platform.baseUrl, '/api/call_rates/%ZZ', { token: admin }), 400],
        ['long parameter', raw(platform.baseUrl, `/api/call_rates/${'x'.repeat(150)}`, { token: admin }), 414],
        ['header overflow', raw(platform.baseUrl, '/health', { headers: { 'x-big': 'h'.repeat(20_000) } }), 431],
      ];
      for (const [what, pending, status] of early) {
        const res = await pending;
        expect({ what, status: res.status, body: res.body }).toEqual({
          what,
          status,
          body: { statusCode: status, code: expect.any(String), message: expect.any(String) },
        });
        const { 'content-security-policy': csp, 'x-content-type-options': nosniff, 'x-frame-options': frame } = res.headers;
        expect({ what, csp, nosniff, frame }).toEqual({
          what,
          csp: EXPECTED['content-security-policy'],
          nosniff: 'nosniff',
          frame: 'DENY',
        });
      }
    });

    it('are on the answer of every documented route', async () => {
      const doc = (await http(platform.baseUrl, '/docs-json')).body;
      for (const [path, operations] of Object.entries<any>(doc.paths)) {
        for (const method of Object.keys(operations)) {
          const res = await http(platform.baseUrl, path.replace(/\{\w+\}/g, '1'), { method: method.toUpperCase() });
          check(`${method} ${path} -> ${res.status}`, res);
        }
      }
    });

    it('Swagger UI at /docs loads under a CSP of its own that allows exactly what the page uses', async () => {
      const page = await http(platform.baseUrl, '/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = page.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((part) => {
          const [name = '', ...sources] = part.trim().split(/\s+/);
          return [name, sources] as const;
        }),
      );
      expect(directives.get('default-src')).toEqual(["'none'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');

      // Every script is a file of this origin (script-src 'self'), none is inline, no element has an inline handler.
      const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThanOrEqual(3);
      const pageUrl = new URL('/docs', platform.baseUrl);
      for (const [, attributes, content] of scripts) {
        expect(content?.trim()).toBe('');
        const src = /src=["']([^"']+)["']/.exec(attributes ?? '')?.[1];
        expect(src).toBeDefined();
        const url = new URL(src!, pageUrl);
        expect(url.origin).toBe(pageUrl.origin);
        const script = await fetch(url);
        expect({ src, status: script.status, type: script.headers.get('content-type') }).toEqual({
          src,
          status: 200,
          type: expect.stringMatching(/javascript/),
        });
      }
      expect(page.text).not.toMatch(/\son[a-z]+\s*=/i);
      // Stylesheets and icons also come from this origin; inline <style> is what 'unsafe-inline' in style-src is for.
      for (const [, href] of page.text.matchAll(/<link\b[^>]*href=["']([^"']+)["']/gi)) {
        const url = new URL(href!, pageUrl);
        expect(url.origin).toBe(pageUrl.origin);
        expect((await fetch(url)).status).toBe(200);
      }
      expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      // "Try it out" calls this origin; the document it shows is embedded in swagger-ui-init.js.
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      const init = await (await fetch(new URL('/docs/swagger-ui-init.js', platform.baseUrl))).text();
      expect(init).toContain('"validatorUrl": null');
    });

    it('CORS is closed by default: no preflight is answered and no answer is shared', async () => {
      const preflight = await http(platform.baseUrl, '/v2/accounts', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(404);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const read = await api('/api/rest/v2.9/billing/currencies', { headers: { origin: 'https://app.example.com' } });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('request rate limits and open CORS (sqlite)', () => {
  const PER_TENANT = 30;
  const PER_CLIENT = 40;
  const ALLOWED_ORIGIN = 'https://app.example.com';
  let platform: RunningPlatform;
  let operator: string;
  let limited: string;

  /** A surface route each, readable by an admin of any tenant. */
  const READS: Array<[Surface, string]> = [
    ['billing-api', '/api/rest/v2.9/billing/currencies'],
    ['customers', '/api/v01/customers'],
    ['accounts', '/v2/accounts/10000001'],
    ['telephony', '/api/call_rates'],
    ['platform', '/auth/me'],
  ];

  beforeAll(async () => {
    platform = await startPlatform({
      database: 'sqlite',
      env: {
        RATE_LIMIT_PER_TENANT_PER_MINUTE: String(PER_TENANT),
        RATE_LIMIT_PER_CLIENT_PER_MINUTE: String(PER_CLIENT),
        CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`,
      },
    });
    operator = await platform.token('admin', platform.adminPassword);
    const tenant = await http(platform.baseUrl, '/api/identity/tenants', {
      token: operator,
      json: { name: 'limited', admin: { username: 'limited-admin', password: PASSWORD } },
    });
    expect(tenant.status).toBe(201);
    limited = await platform.token('limited-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  it(`a tenant gets ${PER_TENANT} requests a minute across all its clients, then 429 with Retry-After in each surface shape`, async () => {
    const statuses: number[] = [];
    // Ten client addresses, so that no client limit is near: the tenant's own budget decides.
    for (let i = 0; i < PER_TENANT + 5; i++) {
      statuses.push((await raw(platform.baseUrl, '/auth/me', { token: limited, from: `127.0.0.${10 + (i % 10)}` })).status);
    }
    expect(statuses).toEqual([...Array<number>(PER_TENANT).fill(200), ...Array<number>(5).fill(429)]);

    for (const [surface, path] of READS) {
      const res = await raw(platform.baseUrl, path, { token: limited, from: '127.0.0.20' });
      expectRefusal(surface, res, 429, /^Too many requests for this tenant; retry after the time in Retry-After$/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    // A refused write does nothing: nothing reaches a service.
    const write = await raw(platform.baseUrl, '/api/v01/customers', {
      method: 'PUT',
      token: limited,
      from: '127.0.0.21',
      headers: { 'content-type': 'application/json' },
      body: '{"firstName":"Late"}',
    });
    expect(write.status).toBe(429);

    // Another tenant is not held up, from the same addresses.
    for (const [, path] of READS.filter(([surface]) => surface !== 'accounts')) {
      expect((await raw(platform.baseUrl, path, { token: operator, from: '127.0.0.10' })).status).toBe(200);
    }
  });

  it(`a client address gets ${PER_CLIENT} requests a minute, counted before authentication, then 429 in each surface shape`, async () => {
    const from = '127.0.0.60';
    const statuses: number[] = [];
    for (let i = 0; i < PER_CLIENT + 3; i++) statuses.push((await raw(platform.baseUrl, '/auth/me', { from })).status);
    expect(statuses).toEqual([...Array<number>(PER_CLIENT).fill(401), ...Array<number>(3).fill(429)]);

    for (const [surface, path] of READS) {
      const res = await raw(platform.baseUrl, path, { token: operator, from });
      expectRefusal(surface, res, 429, /^Too many requests from this client address; retry after/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    // Sign-in from that address is refused as well (a flood cannot move on to guessing passwords).
    const signIn = await raw(platform.baseUrl, '/auth/token', {
      method: 'POST',
      from,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: platform.adminPassword }),
    });
    expect(signIn.status).toBe(429);
    // Other clients are not held up.
    expect((await raw(platform.baseUrl, '/auth/me', { token: operator, from: '127.0.0.61' })).status).toBe(200);
  });

  it('answers a preflight from a configured origin only, and shares answers with it only', async () => {
    const preflight = (origin: string) =>
      raw(platform.baseUrl, '/api/v01/customers', {
        method: 'OPTIONS',
        from: '127.0.0.70',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': ALLOWED_ORIGIN,
      'access-control-allow-methods': expect.stringContaining('PUT'),
      'access-control-allow-headers': expect.stringContaining('idempotency-key'),
      'access-control-max-age': '600',
    });
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null', 'http://app.example.com']) {
      const refused = await preflight(origin);
      expect({ origin, status: refused.status, allow: refused.headers['access-control-allow-origin'] }).toEqual({
        origin,
        status: 404,
        allow: undefined,
      });
    }

    const read = await raw(platform.baseUrl, '/api/rest/v2.9/billing/currencies', {
      token: operator,
      from: '127.0.0.70',
      headers: { origin: ALLOWED_ORIGIN },
    });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(read.headers['access-control-expose-headers']).toContain('retry-after');
    expect(read.headers['vary']).toMatch(/origin/i);
    const foreign = await raw(platform.baseUrl, '/api/rest/v2.9/billing/currencies', {
      token: operator,
      from: '127.0.0.70',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
