import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { holdPostgresTransaction, startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http, type HttpResult } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
const RPC_TIMEOUT_MS = 1500;

describe.each(DATABASES)('Idempotency-Key on every surface that creates records (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let rival: string;
  let keys = 0;
  const newKey = () => `key-${database}-${++keys}-${Date.now()}`;

  const send = (path: string, init: Parameters<typeof http>[2] & { key?: string }) =>
    http(platform.baseUrl, path, {
      token: admin,
      ...init,
      headers: { ...init.headers, ...(init.key ? { 'idempotency-key': init.key } : {}) },
    });

  /** 20 identical requests with one key at once: one record, every answer the first one's (or 409 while it runs). */
  async function twentyAtOnce(request: () => Promise<HttpResult>): Promise<HttpResult[]> {
    const answers = await Promise.all(Array.from({ length: 20 }, request));
    const done = answers.filter((res) => res.status < 300);
    expect(done.length).toBeGreaterThan(0);
    for (const res of done) expect(res.body).toEqual(done[0]!.body);
    for (const res of answers.filter((r) => r.status >= 300)) expect(res.status).toBe(409);
    expect(done.filter((res) => res.headers.get('idempotent-replayed') === 'true')).toHaveLength(done.length - 1);
    return answers;
  }

  beforeAll(async () => {
    platform = await startPlatform({ database, env: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) } });
    admin = await platform.token('admin', platform.adminPassword);
    await http(platform.baseUrl, '/api/identity/tenants', {
      token: admin,
      json: { name: 'idem-rival', admin: { username: 'idem-rival-admin', password: PASSWORD } },
    });
    rival = await platform.token('idem-rival-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  it('customers (/api/v01): 20 parallel creates with one key make one customer', async () => {
    const key = newKey();
    await twentyAtOnce(() => send('/api/v01/customers', { method: 'PUT', key, json: { organizationName: `Once ${key}` } }));
    const found = await send(`/api/v01/customers?organizationName=${encodeURIComponent(`Once ${key}`)}`, {});
    expect(found.body).toHaveLength(1);
  });

  it('billing accounts (/v2/accounts): 20 parallel creates with one key make one child', async () => {
    const parent = (await send('/v2/accounts', { json: { name: 'idem-parent', currency: 'USD', monthlyRecurringRevenue: '1.00' } })).body
      .billingAccount.accountNumber;
    const key = newKey();
    await twentyAtOnce(() => send('/v2/accounts', { key, json: { name: 'idem-child', currency: 'USD', parentAccountNumber: parent } }));
    expect((await send(`/v2/accounts/${parent}/accounts`, {})).body.billingAccounts.total).toBe(1);
  });

  it('billing API v2.9: 20 parallel creates with one key make one product, by REST and by json.php', async () => {
    const key = newKey();
    const body = { code: `idem-${keys}`, name: 'Once', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] };
    await twentyAtOnce(() => send('/api/rest/v2.9/billing/products', { key, json: body }));
    const cmdKey = newKey();
    const cmdBody = { cmd: 'billing.product.create', ...body, code: `idem-cmd-${keys}` };
    await twentyAtOnce(() => send('/api/rest/v2.9/json.php', { key: cmdKey, json: cmdBody }));
    const codes = (await send('/api/rest/v2.9/billing/products?resWindow=500', {})).body.products.map((p: { code: string }) => p.code);
    expect(codes.filter((code: string) => code === body.code || code === cmdBody.code)).toHaveLength(2);
  });

  it('call rates (/api/call_rates): 20 parallel creates with one key make one rate', async () => {
    const key = newKey();
    await twentyAtOnce(() => send('/api/call_rates', { key, json: { ...UK_RATE, prefix: '4420' } }));
    const items = (await send('/api/call_rates', {})).body.items.filter((i: { prefix: string }) => i.prefix === '4420');
    expect(items).toHaveLength(1);
  });

  it('replays a repeat later with the same status and body, marked as a replay; a refused request replays its refusal', async () => {
    const key = newKey();
    const first = await send('/api/v01/customers', { method: 'PUT', key, json: { organizationName: 'Replayed' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await send('/api/v01/customers', { method: 'PUT', key, json: { organizationName: 'Replayed' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const badKey = newKey();
    const refused = await send('/api/rest/v2.9/billing/promocode', {
      key: badKey,
      json: { code: 'X', discount: '10', type: 'PERCENTAGE', expires: '2099-01-01' },
    });
    expect(refused.status).toBe(400);
    expect(
      (
        await send('/api/rest/v2.9/billing/promocode', {
          key: badKey,
          json: { code: 'X', discount: '10', type: 'PERCENTAGE', expires: '2099-01-01' },
        })
      ).body,
    ).toEqual(refused.body);
  });

  it('refuses the same key with a different body (409, in the surface shape), and keys of different tenants never collide', async () => {
    const key = newKey();
    await send('/api/rest/v2.9/billing/products', {
      key,
      json: { code: `first-${keys}`, name: 'First', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] },
    });
    const other = await send('/api/rest/v2.9/billing/products', {
      key,
      json: { code: `second-${keys}`, name: 'Second', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] },
    });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ code: 'FAULT', message: expect.stringMatching(/Idempotency-Key was used with a different request/) });
    const customerKey = newKey();
    await send('/api/v01/customers', { method: 'PUT', key: customerKey, json: { organizationName: 'Same' } });
    const v01 = await send('/api/v01/customers', { method: 'PUT', key: customerKey, json: { organizationName: 'Different' } });
    expect(v01.status).toBe(409);
    expect(v01.body.error).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    const theirs = await http(platform.baseUrl, '/api/v01/customers', {
      method: 'PUT',
      token: rival,
      headers: { 'idempotency-key': customerKey },
      json: { organizationName: 'Rival' },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a malformed key with 400 and ignores a key on a read', async () => {
    const long = await send('/api/v01/customers', { method: 'PUT', key: 'k'.repeat(256), json: { organizationName: 'Long key' } });
    expect(long.status).toBe(400);
    const read = await send('/api/rest/v2.9/billing/currencies', { key: newKey() });
    expect(read.status).toBe(200);
  });

  it('a retry with the same key after a 504 writes once: the late write is found, not repeated', async () => {
    const key = newKey();
    const code = `late-${keys}`;
    const body = { code, name: 'Late', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] };
    const release = await holdProductWrites(platform, database);
    let first: HttpResult;
    try {
      first = await send('/api/rest/v2.9/billing/products', { key, json: body });
    } finally {
      await release();
    }
    expect(first.status).toBe(504);
    let retry: HttpResult;
    const deadline = Date.now() + 10_000;
    do {
      retry = await send('/api/rest/v2.9/billing/products', { key, json: body });
    } while (retry.status === 409 && Date.now() < deadline);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const codes = (await send('/api/rest/v2.9/billing/products?resWindow=500', {})).body.products.map((p: { code: string }) => p.code);
    expect(codes.filter((c: string) => c === code)).toHaveLength(1);
  });
});

/**
 * Makes pricing's product writes wait (longer than the gateway's deadline) until released: a lock
 * held from outside, as a long transaction of another client would.
 */
async function holdProductWrites(platform: RunningPlatform, database: DatabaseKind): Promise<() => Promise<void>> {
  const holdFor = RPC_TIMEOUT_MS + 700;
  if (database === 'sqlite') {
    const db = new DatabaseSync(join(platform.dataDir, 'pricing.sqlite'));
    db.exec('begin immediate');
    const timer = setTimeout(() => db.exec('commit'), holdFor);
    return async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      clearTimeout(timer);
      if (db.isTransaction) db.exec('commit');
      db.close();
    };
  }
  return holdPostgresTransaction(platform.databaseUrl!, 'lock table pricing.product in exclusive mode');
}
