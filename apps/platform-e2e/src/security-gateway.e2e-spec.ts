import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

const RATE = UK_RATE;

interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One request through node:http, which sends what fetch will not: a Host header of the caller's
 * choosing, and a source address other than 127.0.0.1 (any 127.x address is this machine).
 */
function raw(
  baseUrl: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawResult> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: init.headers,
        localAddress: init.from,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const signInFrom = (baseUrl: string, from: string, password: string) =>
  raw(baseUrl, '/auth/token', {
    from,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });

describe.each(DATABASES)('security at the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let observer: string;
  let account: string;
  let customerId: number;

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });

  /** What the sweep could have written: customers, call rates, and the account's name and balance. */
  const stored = async () => ({
    customers: (await api('/api/v01/customers?limit=1000')).body.length as number,
    rates: (await api('/api/call_rates')).body.count as number,
    account: (await api(`/v2/accounts/${account}`)).body.billingAccount.name as string,
    balance: (await api(`/v2/accounts/${account}/balance`)).body.balance.amount as string,
  });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    await api('/api/identity/users', { json: { username: 'watcher', password: PASSWORD, roles: ['billing:observer'] } });
    observer = await platform.token('watcher', PASSWORD);
    account = (await api('/v2/accounts', { json: { name: 'acme', currency: 'USD' } })).body.billingAccount.accountNumber;
    customerId = (await api('/api/v01/customers', { method: 'PUT', json: { firstName: 'Jane' } })).body.id;
    expect((await api('/api/call_rates', { json: RATE })).status).toBe(200);
  });
  afterAll(() => platform?.stop());

  describe('a control character in any text (a NUL was a 500 on both databases)', () => {
    const json = (method: string, path: string, body: unknown) => () => api(path, { method, json: body });
    const sweep: Array<[string, () => ReturnType<typeof http>]> = [
      ['a customer name', json('PUT', '/api/v01/customers', { firstName: 'Ja\u0000ne' })],
      ['a customer name, updated', () => api(`/api/v01/customers/${customerId}`, { method: 'POST', json: { lastName: 'Do\u0000e' } })],
      [
        'a customer name in XML',
        () =>
          api('/api/v01/customers', {
            method: 'PUT',
            body: '<customer><firstName>Ja\u0000ne</firstName></customer>',
            headers: { 'content-type': 'application/xml' },
          }),
      ],
      ['a customer name in the query', () => api('/api/v01/customers?firstName=Ja%00ne', { method: 'PUT' })],
      ['an account name', json('POST', '/v2/accounts', { name: 'ev\u0000il', currency: 'USD' })],
      ['an account rename', () => api(`/v2/accounts/${account}`, { method: 'PATCH', json: { name: 'ev\u0001il' } })],
      [
        'a ledger description',
        () => api(`/v2/accounts/${account}/ledger`, { json: { type: 'PAYMENT', amount: '5.00', description: 'card\u0000payment' } }),
      ],
      ['a call-rate prefix', json('POST', '/api/call_rates', { ...RATE, prefix: '4\u00009' })],
      ['a call-rate description', json('POST', '/api/call_rates', { ...RATE, prefix: '49', description: 'Germany\u007f' })],
      [
        'a call-rate import',
        () =>
          api('/api/call_rates/import', {
            body:
              'prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description\r\n' +
              '33,LOCAL,0,5,60,30,0.02,0.1,0.5,0.04,Fra\u0000nce\r\n',
            headers: { 'content-type': 'text/csv' },
          }),
      ],
      ['a search query', () => api('/api/call_rates?search=4%004')],
      ['a filter', () => api(`/api/call_rates?filter=${encodeURIComponent("prefix eq '4\u00004'")}`)],
      ['a customer search', () => api('/api/v01/customers?lastName=%00')],
      ['a customer path id', () => api('/api/v01/customers/1%00')],
      ['an account path id', () => api(`/v2/accounts/${account}%00`)],
      ['a call-rate path id', () => api('/api/call_rates/abc%00')],
      [
        'a json.php form field',
        () =>
          api('/api/rest/v2.9/json.php', {
            body: 'cmd=billing.currency.get&code=US%00D',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }),
      ],
      [
        'the username of a sign-in',
        () => http(platform.baseUrl, '/auth/token', { json: { username: 'adm\u0000in', password: 'whatever-it-is' } }),
      ],
    ];

    it.each(sweep)('in %s is 400, never 500, and nothing is stored', async (_where, send) => {
      const before = await stored();
      const res = await send();
      expect({ status: res.status, text: res.text }).toEqual({ status: 400, text: expect.stringContaining('control character') });
      expect(await stored()).toEqual(before);
    });

    it('answers in the shape of the surface the route belongs to', async () => {
      expect((await api('/api/v01/customers/1%00')).body).toEqual({
        error: { status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('control character') },
      });
      expect((await api(`/v2/accounts/${account}%00`)).body).toEqual({
        badRequest: { code: 400, message: expect.stringContaining('control character') },
      });
      expect((await api('/api/rest/v2.9/billing/currencies?code=%00')).body).toEqual({
        code: 'FAULT',
        message: expect.stringContaining('control character'),
      });
    });

    it('keeps tab, CR and LF in text', async () => {
      const res = await api(`/v2/accounts/${account}/ledger`, {
        json: { type: 'ADJUSTMENT', amount: '1.00', description: 'line one\r\n\tline two' },
      });
      expect(res.status).toBe(201);
      expect(res.body.ledgerEntry.description).toBe('line one\r\n\tline two');
    });
  });

  describe('hostile XML and filters (each was a 500)', () => {
    const putXml = (body: string) => api('/api/v01/customers', { method: 'PUT', body, headers: { 'content-type': 'application/xml' } });

    it.each([
      [
        'a DOCTYPE with a SYSTEM entity',
        '<?xml version="1.0"?><!DOCTYPE customer [<!ENTITY x SYSTEM "file:///etc/passwd">]><customer><firstName>&x;</firstName></customer>',
      ],
      [
        'an internal entity expansion',
        '<!DOCTYPE customer [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><customer><firstName>&b;</firstName></customer>',
      ],
      ['a <__proto__> element', '<customer><firstName>x</firstName><__proto__><isAdmin>true</isAdmin></__proto__></customer>'],
      ['a <constructor> element', '<customer><firstName>x</firstName><constructor><prototype>y</prototype></constructor></customer>'],
      ['20,000 nested tags', `<customer>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</customer>`],
    ])('a customer in XML with %s is 400 in the /api/v01 error shape, and nothing is stored', async (_what, body) => {
      const before = await stored();
      const res = await putXml(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/^The XML body/) } });
      expect(await stored()).toEqual(before);
    });

    it('a call-rate filter of `not` repeated 1,000 times is 400', async () => {
      const filter = `${'not '.repeat(1000)}prefix eq '44'`;
      const res = await api(`/api/call_rates?filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^filter\b.*2000 characters/);
    });

    it('a call-rate filter of more than 32 `not` in a row is 400 at once; 32 are answered, and right', async () => {
      const nots = (n: number) => api(`/api/call_rates?filter=${encodeURIComponent(`${'not '.repeat(n)}prefix eq '44'`)}`);
      const long = await nots(496); // within the length limit: a third of a second of service time before the cap
      expect(long.status).toBe(400);
      expect(long.body.message).toBe('filter: more than the limit of 32 "not" in a row');
      const even = await nots(32);
      expect(even.status).toBe(200);
      expect(even.body.items.map((rate: { prefix: string }) => rate.prefix)).toEqual(['44']);
      const odd = await nots(31);
      expect(odd.status).toBe(200);
      expect(odd.body.items.map((rate: { prefix: string }) => rate.prefix)).not.toContain('44');
    });
  });

  describe('links in /v2/accounts answers', () => {
    it('come from the public base URL, never from a spoofed Host or X-Forwarded-* (TRUST_PROXY=false)', async () => {
      const res = await raw(platform.baseUrl, `/v2/accounts/${account}`, {
        headers: {
          authorization: `Bearer ${admin}`,
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'javascript',
        },
      });
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/evil|javascript/);
      const hrefs: string[] = JSON.parse(res.text).billingAccount.link.map((link: { href: string }) => link.href);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href.startsWith(`${platform.baseUrl}/v2/accounts/${account}/`)).toBe(true);
    });
  });

  describe('credentials', () => {
    it('refuses a Bearer token and a different X-Auth-Token together with 400 on every surface, and accepts the same one twice', async () => {
      const both = { authorization: `Bearer ${admin}`, 'x-auth-token': observer };
      const paths = ['/auth/me', `/v2/accounts/${account}`, '/api/v01/customers', '/api/call_rates', '/api/rest/v2.9/billing/currencies'];
      for (const path of paths) {
        const res = await http(platform.baseUrl, path, { headers: both });
        expect({ path, status: res.status, text: res.text }).toEqual({
          path,
          status: 400,
          text: expect.stringContaining('two different credentials'),
        });
      }
      // Nor can the weaker token's holder write by adding it beside a stronger one.
      const write = await http(platform.baseUrl, '/v2/accounts', { headers: both, json: { name: 'sneaky', currency: 'USD' } });
      expect(write.status).toBe(400);
      for (const path of paths) {
        expect((await http(platform.baseUrl, path, { headers: { authorization: `Bearer ${admin}`, 'x-auth-token': admin } })).status).toBe(
          200,
        );
      }
    });

    it('answers a token with Cache-Control: no-store and Pragma: no-cache', async () => {
      const res = await http(platform.baseUrl, '/auth/token', { json: { username: 'watcher', password: PASSWORD } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('pragma')).toBe('no-cache');
    });
  });
});

describe('sign-in rate limits and private database files (sqlite)', () => {
  const PER_ADDRESS = 5;
  const GLOBAL = 12;
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({
      database: 'sqlite',
      env: { LOGIN_RATE_PER_MINUTE: String(PER_ADDRESS), LOGIN_RATE_GLOBAL_PER_MINUTE: String(GLOBAL) },
    });
  });
  afterAll(() => platform?.stop());

  it('refuses the sign-in after the limit from one address with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < PER_ADDRESS - 1; i++) expect((await signInFrom(platform.baseUrl, '127.0.0.1', 'wrong-password!')).status).toBe(401);
    expect((await signInFrom(platform.baseUrl, '127.0.0.1', platform.adminPassword)).status).toBe(200);
    const refused = await signInFrom(platform.baseUrl, '127.0.0.1', platform.adminPassword);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused.text)).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('Too many sign-in'),
    });
  });

  it('keeps other addresses signing in while one floods, up to the global limit', async () => {
    // 127.0.0.1 used its 5 above; its flood is refused without using up the global allowance.
    const flood = await Promise.all(Array.from({ length: 40 }, () => signInFrom(platform.baseUrl, '127.0.0.1', 'wrong-password!')));
    expect(flood.every((res) => res.status === 429)).toBe(true);
    for (const from of ['127.0.0.2', '127.0.0.3']) {
      for (let i = 0; i < 3; i++) expect((await signInFrom(platform.baseUrl, from, platform.adminPassword)).status).toBe(200);
    }
    // 5 + 6 = 11 of 12 counted: one more from anywhere, then the global limit refuses everyone.
    expect((await signInFrom(platform.baseUrl, '127.0.0.4', platform.adminPassword)).status).toBe(200);
    const full = await signInFrom(platform.baseUrl, '127.0.0.5', platform.adminPassword);
    expect(full.status).toBe(429);
    expect(Number(full.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('creates every SQLite file (password hashes included) readable by its owner only', () => {
    const files = readdirSync(platform.dataDir).filter((name) => /\.sqlite(-wal|-shm)?$/.test(name));
    expect(files).toEqual(expect.arrayContaining(['accounts.sqlite', 'pricing.sqlite', 'entities.sqlite', 'telephony.sqlite']));
    for (const name of files) expect({ name, others: statSync(join(platform.dataDir, name)).mode & 0o077 }).toEqual({ name, others: 0 });
  });
});
