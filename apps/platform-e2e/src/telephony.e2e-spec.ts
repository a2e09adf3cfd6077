import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

const UK = UK_RATE;

describe.each(DATABASES)('telephony: document 004 and call rating through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let observer: string;
  let other: string; // admin of another tenant

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });
  const create = (body: Record<string, unknown>, token = admin) => api('/api/call_rates', { json: body, token });
  const rate = (call: Record<string, unknown>, token = admin) => api('/api/calls/rate', { json: call, token });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    await api('/api/identity/users', { json: { username: 'watcher', password: PASSWORD, roles: ['observer'] } });
    observer = await platform.token('watcher', PASSWORD);
    await api('/api/identity/tenants', { json: { name: 'other-telco', admin: { username: 'other-admin', password: PASSWORD } } });
    other = await platform.token('other-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  describe('GET/POST /api/tenant/billing', () => {
    it('starts at the document defaults and updates only what is given', async () => {
      const fresh = await api('/api/tenant/billing', { token: other });
      expect(fresh.status).toBe(200);
      expect(fresh.body).toEqual({ enabled: false, account: 'TENANT', type: 'OFFLINE' });

      const update = await api('/api/tenant/billing', { json: { enabled: true, type: 'ONLINE' } });
      expect(update.status).toBe(200);
      expect(update.text).toBe('');
      expect((await api('/api/tenant/billing')).body).toEqual({ enabled: true, account: 'TENANT', type: 'ONLINE' });
      expect((await api('/api/tenant/billing', { json: { account: 'USER' } })).status).toBe(200);
      expect((await api('/api/tenant/billing')).body).toEqual({ enabled: true, account: 'USER', type: 'ONLINE' });
      // Another tenant's configuration is its own.
      expect((await api('/api/tenant/billing', { token: other })).body).toEqual({ enabled: false, account: 'TENANT', type: 'OFFLINE' });
    });

    it('refuses values outside the enums with 400 and changes nothing', async () => {
      for (const body of [{ type: 'LATER' }, { account: 'tenant' }, { enabled: 'yes' }, { enabled: true, color: 'red' }]) {
        const res = await api('/api/tenant/billing', { json: body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      expect((await api('/api/tenant/billing')).body).toEqual({ enabled: true, account: 'USER', type: 'ONLINE' });
    });

    it('lets an observer read but not write', async () => {
      expect((await api('/api/tenant/billing', { token: observer })).status).toBe(200);
      expect((await api('/api/tenant/billing', { token: observer, json: { enabled: false } })).status).toBe(403);
    });
  });

  describe('call rates', () => {
    let ukId: string;

    it('creates a rate with an id of the document form and returns every field exactly', async () => {
      const created = await create(UK);
      expect(created.status).toBe(200);
      expect(Object.keys(created.body)).toEqual(['id']);
      ukId = created.body.id;
      const digits = Buffer.from(ukId, 'base64').toString('ascii');
      expect(digits).toMatch(/^\d{17,20}$/);
      expect(Buffer.from(digits).toString('base64')).toBe(ukId);

      const got = await api(`/api/call_rates/${ukId}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual({ id: ukId, ...UK });
      expect(got.text).toContain('"connect_fee":0.02,"postcall_surcharge":0.1,"price_1":0.1,"price_n":0.04');

      const second = await create({ ...UK, prefix: '4420', price_1: 0.12345, description: undefined });
      const later = BigInt(Buffer.from(second.body.id, 'base64').toString('ascii'));
      expect(later > BigInt(digits)).toBe(true);
      expect((await api(`/api/call_rates/${second.body.id}`)).body).toMatchObject({ price_1: 0.12345, description: null });
    });

    it.each([
      [{ prefix: '' }, 'prefix'],
      [{ prefix: 'x'.repeat(65) }, 'prefix'],
      [{ type: 'SATELLITE' }, 'type'],
      [{ free_seconds: -1 }, 'free_seconds'],
      [{ grace_period: 1.5 }, 'grace_period'],
      [{ interval_1: 0 }, 'interval_1'],
      [{ interval_n: 0 }, 'interval_n'],
      [{ connect_fee: -0.01 }, 'connect_fee'],
      [{ postcall_surcharge: 'lots' }, 'postcall_surcharge'],
      [{ price_1: 0.123456 }, 'price_1'],
      [{ price_n: 0.000001 }, 'price_n'],
      [{ description: 'd'.repeat(1025) }, 'description'],
      [{ price_1: undefined }, 'price_1 is required'],
      [{ extra: 1 }, 'extra'],
    ])('refuses %j with 400 naming %s, writing nothing', async (change, named) => {
      // A valid prefix of its own, so each case fails on the one field it names.
      const res = await create({ ...UK, prefix: '990099', ...change });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(named);
      const list = await api(`/api/call_rates?filter=${encodeURIComponent("startswith(prefix,'990099')")}`);
      expect(list.body.count).toBe(0);
    });

    it('never rounds: a price with more digits than a double holds is refused', async () => {
      const res = await api('/api/call_rates', {
        body: JSON.stringify({ ...UK, prefix: '999' }).replace('"price_1":0.1', '"price_1":0.100000000000000000001'),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('price_1 must have at most 5 decimal places');
    });

    it('refuses a prefix already used in the tenant with 409, but not one used by another tenant', async () => {
      expect((await create(UK)).status).toBe(409);
      expect((await create(UK, other)).status).toBe(200);
    });

    it('updates only the given fields (200, no content), and validates them', async () => {
      const update = await api(`/api/call_rates/${ukId}`, { json: { price_n: 0.05, description: 'UK' } });
      expect(update.status).toBe(200);
      expect(update.text).toBe('');
      expect((await api(`/api/call_rates/${ukId}`)).body).toEqual({ id: ukId, ...UK, price_n: 0.05, description: 'UK' });
      expect((await api(`/api/call_rates/${ukId}`, { json: { price_n: 0.050001 } })).status).toBe(400);
      expect((await api(`/api/call_rates/${ukId}`, { json: { prefix: '4420' } })).status).toBe(409);
      const restore = await api(`/api/call_rates/${ukId}`, { json: { price_n: 0.04, description: 'United Kingdom' } });
      expect(restore.status).toBe(200);
      expect((await api(`/api/call_rates/${ukId}`)).body).toEqual({ id: ukId, ...UK });
    });

    it("answers 404 for an unknown id, a malformed one, and another tenant's rate", async () => {
      expect((await api(`/api/call_rates/${Buffer.from('123456789012345678').toString('base64')}`)).status).toBe(404);
      expect((await api('/api/call_rates/not-an-id')).status).toBe(404);
      expect((await api(`/api/call_rates/${ukId}`, { token: other })).status).toBe(404);
      expect((await api(`/api/call_rates/${ukId}`, { token: other, json: { price_1: 9 } })).status).toBe(404);
      expect((await api(`/api/call_rates/${ukId}/destroy`, { token: other, method: 'POST' })).status).toBe(404);
      expect((await api(`/api/call_rates/${ukId}`)).body.price_1).toBe(0.1);
    });

    it('destroys a rate with 204', async () => {
      const doomed = await create({ ...UK, prefix: '0000' });
      const destroyed = await api(`/api/call_rates/${doomed.body.id}/destroy`, { method: 'POST' });
      expect(destroyed.status).toBe(204);
      expect((await api(`/api/call_rates/${doomed.body.id}`)).status).toBe(404);
      expect((await api(`/api/call_rates/${doomed.body.id}/destroy`, { method: 'POST' })).status).toBe(404);
    });

    it('lets an observer read but never write', async () => {
      expect((await api('/api/call_rates', { token: observer })).status).toBe(200);
      expect((await create({ ...UK, prefix: '777' }, observer)).status).toBe(403);
      expect((await api(`/api/call_rates/${ukId}`, { token: observer, json: { price_1: 1 } })).status).toBe(403);
      expect((await api(`/api/call_rates/${ukId}/destroy`, { token: observer, method: 'POST' })).status).toBe(403);
      expect((await api('/api/call_rates/import', { token: observer, body: 'x', headers: { 'content-type': 'text/csv' } })).status).toBe(
        403,
      );
    });
  });

  describe('GET /api/call_rates: filter, search, orderby, skip, top', () => {
    const prefixes = (res: { body: { items: { prefix: string }[] } }) => res.body.items.map((i) => i.prefix);
    const list = (query: Record<string, string>, token = other) =>
      api(`/api/call_rates?${new URLSearchParams(query).toString()}`, { token });

    beforeAll(async () => {
      // A tenant of its own (other-telco) holds exactly these, plus the UK rate created above.
      const rows = [
        { prefix: '1', type: 'NATIONAL', price_1: 0.01, free_seconds: 0, description: 'North America' },
        { prefix: '1212', type: 'LOCAL', price_1: 0.005, free_seconds: 10, description: 'New York City' },
        { prefix: '1415', type: 'LOCAL', price_1: 0.006, free_seconds: 10, description: "San Francisco, it's foggy" },
        { prefix: '33', type: 'INTERNATIONAL', price_1: 0.08, free_seconds: 0, description: 'France' },
        { prefix: '336', type: 'MOBILE', price_1: 0.2, free_seconds: 0, description: null },
      ];
      for (const row of rows) expect((await create({ ...UK, ...row }, other)).status).toBe(200);
    });

    it('counts every match while paging with skip and top', async () => {
      const all = await list({});
      expect(all.body.count).toBe(6);
      const page = await list({ orderby: 'prefix', skip: '2', top: '2' });
      expect(page.body.count).toBe(6);
      expect(prefixes(page)).toEqual(['1415', '33']);
      expect(prefixes(await list({ orderby: 'prefix', skip: '6' }))).toEqual([]);
    });

    it.each([
      ["type eq 'LOCAL'", ['1212', '1415']],
      ["type ne 'LOCAL'", ['1', '33', '336', '44']],
      ['price_1 gt 0.01', ['33', '336', '44']],
      ['price_1 ge 0.01', ['1', '33', '336', '44']],
      ['price_1 lt 0.006', ['1212']],
      ['price_1 le 0.006 and free_seconds eq 10', ['1212', '1415']],
      ["type eq 'LOCAL' or type eq 'MOBILE'", ['1212', '1415', '336']],
      ["not startswith(prefix,'1') and type ne 'MOBILE'", ['33', '44']],
      ["not (startswith(prefix,'1') or type eq 'MOBILE')", ['33', '44']],
      ["startswith(prefix,'33')", ['33', '336']],
      ["endswith(prefix,'15')", ['1415']],
      ["contains(description,'it''s')", ['1415']],
      ["contains(description,'new')", []],
      ['description eq null', ['336']],
      ["description ne 'France'", ['1', '1212', '1415', '336', '44']],
      ["(type eq 'INTERNATIONAL') and price_1 gt 0.05 and price_1 lt 0.09", ['33']],
    ])('filter %s', async (filter, expected) => {
      const res = await list({ filter, orderby: 'prefix' });
      expect(res.status).toBe(200);
      expect(prefixes(res)).toEqual(expected);
      expect(res.body.count).toBe(expected.length);
    });

    it('searches prefix and description, ignoring case', async () => {
      expect(prefixes(await list({ search: 'FRAN', orderby: 'prefix' }))).toEqual(['1415', '33']);
      expect(prefixes(await list({ search: '121', orderby: 'prefix' }))).toEqual(['1212']);
      expect(prefixes(await list({ search: 'fran', filter: "type eq 'LOCAL'" }))).toEqual(['1415']);
      expect(prefixes(await list({ search: '%' }))).toEqual([]);
    });

    it('orders by several fields, ascending unless told', async () => {
      expect(prefixes(await list({ orderby: 'free_seconds desc, price_1' }))).toEqual(['1212', '1415', '1', '33', '44', '336']);
      expect(prefixes(await list({ orderby: 'type,prefix desc' }))).toEqual(['44', '33', '1415', '1212', '336', '1']);
    });

    it.each([
      [{ filter: 'colour eq 1' }, 'unknown field "colour"'],
      [{ filter: "prefix eq '1' and" }, 'syntax error'],
      [{ filter: 'price_1 gt 0.000001' }, 'price_1 has at most 5 decimal places'],
      [{ filter: "free_seconds eq 'ten'" }, 'free_seconds takes a number'],
      [{ filter: "substringof('x', prefix)" }, 'unsupported'],
      [{ filter: "tolower(prefix) eq 'x'" }, 'expected a field name'],
      [{ orderby: 'colour desc' }, 'orderby: unknown field "colour"'],
      [{ orderby: 'prefix sideways' }, 'orderby'],
      [{ top: '0' }, 'top'],
      [{ top: '101' }, 'top'],
      [{ skip: '-1' }, 'skip'],
      [{ skip: 'two' }, 'skip'],
    ])('refuses %j with 400 naming the problem', async (query, named) => {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(named);
    });
  });

  describe('export and import', () => {
    const csvHeaders = { 'content-type': 'text/csv' };

    it('exports a CSV file with a header row and RFC 4180 quoting', async () => {
      const res = await api('/api/call_rates/export', { token: other });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="call_rates\.csv"/);
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe(
        'id,prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description',
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^[A-Za-z0-9=]+,1415,LOCAL,10,5,60,30,0\.02,0\.1,0\.006,0\.04,"San Francisco, it's foggy"$/),
      );
      expect(lines.filter((l) => l !== '')).toHaveLength(7);
    });

    it('round-trips: export, import, export is byte-identical', async () => {
      const first = await api('/api/call_rates/export', { token: other });
      const imported = await api('/api/call_rates/import', { token: other, body: first.text, headers: csvHeaders });
      expect(imported.status).toBe(200);
      expect(imported.body).toEqual({ created: 0, updated: 6 });
      const second = await api('/api/call_rates/export', { token: other });
      expect(second.text).toBe(first.text);
    });

    it('upserts by prefix, and accepts a multipart upload', async () => {
      const csv =
        'prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description\r\n' +
        '1,NATIONAL,0,5,60,30,0.02,0.1,0.011,0.04,North America\r\n49,INTERNATIONAL,0,0,1,1,0,0,0.07,0.07,Germany\r\n';
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'rates.csv');
      const response = await fetch(`${platform.baseUrl}/api/call_rates/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other}` },
        body: form,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ created: 1, updated: 1 });
      const list = await api(`/api/call_rates?filter=${encodeURIComponent("prefix eq '1' or prefix eq '49'")}&orderby=prefix`, {
        token: other,
      });
      expect(list.body.items.map((i: any) => [i.prefix, i.price_1])).toEqual([
        ['1', 0.011],
        ['49', 0.07],
      ]);
    });

    it('rejects a file with bad rows as a whole, listing every bad line, writing nothing', async () => {
      const before = await api('/api/call_rates/export', { token: other });
      const csv =
        'prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description\r\n' +
        '1,NATIONAL,0,5,60,30,0.02,0.1,0.5,0.04,changed\r\n' +
        '50,SPACE,0,5,60,30,0.02,0.1,0.5,0.04,bad type\r\n' +
        '51,LOCAL,0,5,0,30,0.02,0.1,0.1234567,0.04,bad interval and price\r\n' +
        '50,LOCAL,0,5,60,30,0.02,0.1,0.5,0.04,repeated prefix\r\n';
      const res = await api('/api/call_rates/import', { token: other, body: csv, headers: csvHeaders });
      expect(res.status).toBe(400);
      expect(res.body.details.problems).toEqual([
        expect.stringMatching(/^line 3: type must be one of/),
        expect.stringMatching(/^line 4: interval_1 must be an integer >= 1; price_1 must have at most 5 decimal places$/),
        expect.stringMatching(/^line 5: prefix "50" repeats line 3$/),
      ]);
      expect((await api('/api/call_rates/export', { token: other })).text).toBe(before.text);
      const unreadable = await api('/api/call_rates/import', { token: other, body: 'prefix,type\r\n"unterminated', headers: csvHeaders });
      expect(unreadable.status).toBe(400);
      const wrongColumns = await api('/api/call_rates/import', { token: other, body: 'colour\r\nred\r\n', headers: csvHeaders });
      expect(wrongColumns.status).toBe(400);
      expect(wrongColumns.body.message).toContain('unknown column "colour"');
    });
  });

  describe('POST /api/calls/rate', () => {
    const cost = async (call: Record<string, unknown>, token = admin) => (await rate(call, token)).body.cost;

    beforeAll(async () => {
      // On the admin tenant: 44 (grace 5, free 0, 60/30, 0.1/0.04, connect 0.02, +10%) exists.
      for (const row of [
        {
          prefix: '4479',
          type: 'MOBILE',
          grace_period: 0,
          free_seconds: 30,
          interval_1: 1,
          interval_n: 1,
          connect_fee: 0,
          price_1: 0.001,
          price_n: 0.001,
          postcall_surcharge: 0,
        },
        {
          prefix: '1',
          type: 'NATIONAL',
          grace_period: 0,
          free_seconds: 0,
          interval_1: 1,
          interval_n: 1,
          connect_fee: 0,
          price_1: 0.00001,
          price_n: 0.00001,
          postcall_surcharge: 0.5,
        },
      ]) {
        expect((await create({ ...UK, ...row })).status).toBe(200);
      }
    });

    it('rates the worked example: a 61-second call to 44 costs 0.17600', async () => {
      const res = await rate({ number: '+44 30 7946 0000', duration: 61 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        rate: { id: expect.any(String), prefix: '44', type: 'INTERNATIONAL' },
        cost: '0.17600',
        breakdown: {
          billable_seconds: 61,
          connect_fee: '0.02000',
          first_interval: '0.10000',
          further_intervals: { count: 1, amount: '0.04000' },
          subtotal: '0.16000',
          surcharge: '0.01600',
        },
      });
    });

    it.each([
      ['exactly at the grace period: free', { number: '4430', duration: 5 }, '0.00000'],
      ['one second past the grace period', { number: '4430', duration: 6 }, '0.13200'],
      ['exactly one interval', { number: '4430', duration: 60 }, '0.13200'],
      ['one second past the first interval', { number: '4430', duration: 61 }, '0.17600'],
      ['a further interval exactly', { number: '4430', duration: 90 }, '0.17600'],
      ['free seconds longer than the call: connect fee only', { number: '447911', duration: 29 }, '0.00000'],
      ['just past the free seconds', { number: '447911', duration: 31 }, '0.00100'],
      ['surcharge rounding half-up', { number: '1555', duration: 1 }, '0.00002'],
      ['a number written with punctuation', { number: '+1 (555) 010-9999', duration: 2 }, '0.00003'],
    ])('%s', async (_name, call, expected) => {
      expect(await cost(call)).toBe(expected);
    });

    it('prefers the longest prefix, and restricts by type when asked', async () => {
      expect((await rate({ number: '447911123456', duration: 40 })).body.rate.prefix).toBe('4479');
      expect((await rate({ number: '447911123456', duration: 40, type: 'INTERNATIONAL' })).body.rate.prefix).toBe('44');
      const none = await rate({ number: '447911123456', duration: 40, type: 'LOCAL' });
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('TELEPHONY_NO_MATCHING_RATE');
      expect((await rate({ number: '999', duration: 1 })).status).toBe(404);
    });

    it('refuses a negative or fractional duration and a number without digits with 400', async () => {
      expect((await rate({ number: '4430', duration: -1 })).status).toBe(400);
      expect((await rate({ number: '4430', duration: 1.5 })).status).toBe(400);
      expect((await rate({ number: '+()', duration: 1 })).status).toBe(400);
      expect((await rate({ number: '4430', duration: 1, type: 'PIGEON' })).status).toBe(400);
    });

    it('rates in bulk, in order, exactly as one by one, with errors in place', async () => {
      const calls = [
        { number: '4430', duration: 61 },
        { number: '999', duration: 10 },
        { number: '447911', duration: 45 },
        { number: '4430', duration: -3 },
        { number: '1 555', duration: 3600, type: 'NATIONAL' },
      ];
      const bulk = await rate({ items: calls });
      expect(bulk.status).toBe(200);
      expect(bulk.body.items).toHaveLength(5);
      for (const [i, call] of calls.entries()) {
        const single = await rate(call);
        if (single.status === 200) expect(bulk.body.items[i]).toEqual(single.body);
        else expect(bulk.body.items[i]).toEqual({ error: { code: single.body.code, message: single.body.message } });
      }
      expect((await rate({ items: Array.from({ length: 10_001 }, () => ({ number: '1', duration: 1 })) })).status).toBe(400);
      // The largest request: 10,000 calls, all answered in order.
      const many = Array.from({ length: 10_000 }, (_, i) => ({ number: i % 2 ? '4430' : '999', duration: i % 120 }));
      const full = await rate({ items: many });
      expect(full.status).toBe(200);
      expect(full.body.items).toHaveLength(10_000);
      expect(full.body.items[9_999]).toEqual((await rate(many[9_999]!)).body);
      expect(full.body.items[9_998]).toEqual({ error: expect.objectContaining({ code: 'TELEPHONY_NO_MATCHING_RATE' }) });
      expect((await rate({ items: [] })).status).toBe(400);
    });

    it("sees only the caller tenant's rates, and lets an observer rate", async () => {
      expect((await rate({ number: '4479111', duration: 40 }, other)).body.rate.prefix).toBe('44');
      expect((await rate({ number: '4430', duration: 61 }, observer)).body.cost).toBe('0.17600');
    });

    it('keeps every replica current: a new rate is seen by the next rating on any replica', async () => {
      await platform.addReplica('telephony');
      // Warm both replicas' indexes (requests spread over the queue group at random).
      for (let i = 0; i < 20; i++) expect((await rate({ number: '8613800000000', duration: 60 })).status).toBe(404);
      const china = await create({ ...UK, prefix: '86', type: 'INTERNATIONAL', description: 'China' });
      expect(china.status).toBe(200);
      for (let i = 0; i < 20; i++) expect((await rate({ number: '8613800000000', duration: 60 })).body.rate?.prefix).toBe('86');
      expect((await api(`/api/call_rates/${china.body.id}`, { json: { prefix: '861' } })).status).toBe(200);
      for (let i = 0; i < 20; i++) expect((await rate({ number: '8613800000000', duration: 60 })).body.rate?.prefix).toBe('861');
      expect((await api(`/api/call_rates/${china.body.id}/destroy`, { method: 'POST' })).status).toBe(204);
      for (let i = 0; i < 20; i++) expect((await rate({ number: '8613800000000', duration: 60 })).status).toBe(404);
    });
  });
});
