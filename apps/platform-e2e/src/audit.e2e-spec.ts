import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

describe.each(DATABASES)('audit trail: GET /api/audit (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let rival: string;
  let observer: string;
  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });
  const audit = async (query: string, token = admin) => (await http(platform.baseUrl, `/api/audit?${query}`, { token })).body;

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    await api('/api/identity/users', { json: { username: 'audit-reader', password: PASSWORD, roles: ['billing:observer'] } });
    observer = await platform.token('audit-reader', PASSWORD);
    await api('/api/identity/tenants', { json: { name: 'audit-rival', admin: { username: 'audit-rival-admin', password: PASSWORD } } });
    rival = await platform.token('audit-rival-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  it('records who changed what, from which request, with old and new values', async () => {
    const created = await api('/api/v01/customers', {
      method: 'PUT',
      json: { organizationName: 'Audited' },
      headers: { 'x-request-id': 'audit-req-1' },
    });
    const id = String(created.body.id);
    await api(`/api/v01/customers/${id}`, {
      method: 'POST',
      json: { organizationName: 'Audited Ltd' },
      headers: { 'x-request-id': 'audit-req-2' },
    });
    const page = await audit(`objectType=customer&objectId=${id}`);
    expect(page.total).toBe(2);
    const [update, create] = page.entries;
    expect(create).toMatchObject({
      service: 'accounts',
      action: 'CREATE',
      objectType: 'customer',
      objectId: id,
      username: 'admin',
      requestId: 'audit-req-1',
      changes: expect.objectContaining({ organizationName: { new: 'Audited' } }),
    });
    expect(update).toMatchObject({
      action: 'UPDATE',
      requestId: 'audit-req-2',
      changes: expect.objectContaining({ organizationName: { old: 'Audited', new: 'Audited Ltd' } }),
    });
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(create.at));
  });

  it('merges every service, filters by user and time, and pages with a total', async () => {
    await api('/api/rest/v2.9/billing/products', {
      json: { code: 'audited', name: 'Audited', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] },
    });
    const all = await audit('limit=500');
    expect(new Set(all.entries.map((e: { service: string }) => e.service))).toEqual(new Set(['accounts', 'pricing']));
    const page = await audit('offset=1&limit=2');
    expect(page.total).toBe(all.total);
    expect(page.entries).toEqual(all.entries.slice(1, 3));
    const future = await audit(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future).toMatchObject({ total: 0, entries: [] });
    const byUser = await audit(`userId=nobody`);
    expect(byUser.total).toBe(0);
    const product = await audit('objectType=product');
    expect(product.entries[0]).toMatchObject({
      service: 'pricing',
      action: 'CREATE',
      changes: expect.objectContaining({ code: { new: 'audited' } }),
    });
  });

  it('never records a password or its hash', async () => {
    await api('/api/identity/users', {
      json: { username: 'audited-user', password: 'correct-horse-battery', roles: ['billing:observer'] },
    });
    const users = await audit('objectType=app_user&limit=500');
    const text = JSON.stringify(users.entries);
    expect(users.entries.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/correct-horse-battery|\$argon2|\$2[aby]\$|scrypt/);
    expect(text).toContain('[redacted]');
  });

  it('leaves no row for a change whose transaction rolled back', async () => {
    const customerId = (await api('/api/v01/customers', { method: 'PUT', json: { organizationName: 'Rollback' } })).body.id;
    await api('/api/rest/v2.9/billing/promocode', {
      json: { code: 'ONE-ONLY', type: 'PERCENTAGE', discount: '5', expires: '2099-12-31', maxRedemptions: 1 },
    });
    const other = (await api('/api/v01/customers', { method: 'PUT', json: { organizationName: 'First' } })).body.id;
    const line = [{ productCode: 'audited', quantity: 1 }];
    const quote = (
      await api('/api/rest/v2.9/billing/quotes', { json: { customerId, currency: 'USD', lines: line, promocode: 'ONE-ONLY' } })
    ).body.quotation;
    expect((await api('/api/rest/v2.9/billing/promocode/add', { json: { promocode: 'ONE-ONLY', customerid: other } })).status).toBe(200);
    // The accept marks the quote ACCEPTED (an audited update), then fails to redeem: all of it rolls back.
    expect((await api(`/api/rest/v2.9/billing/quotes/${quote.id}/accept`, { method: 'POST' })).status).toBe(400);
    const trail = await audit(`objectType=quote&objectId=${quote.id}`);
    expect(trail.entries.map((e: { action: string }) => e.action)).toEqual(['CREATE']);
    await api(`/api/rest/v2.9/billing/quotes/${quote.id}/decline`, { method: 'POST' });
    const declined = await audit(`objectType=quote&objectId=${quote.id}`);
    expect(declined.entries[0]).toMatchObject({ action: 'UPDATE', changes: { status: { old: 'OPEN', new: 'DECLINED' } } });
  });

  it('is for admins of the tenant only: another tenant sees none of it, an observer is refused', async () => {
    const theirs = await audit('limit=500', rival);
    // Their trail holds their own tenant's rows only: their first admin, made by the operator (the new tenant's own row is the operator's tenant's change).
    expect(theirs.entries.map((e: { objectType: string }) => e.objectType)).toEqual(['app_user']);
    expect(JSON.stringify(theirs)).not.toContain('Audited');
    const refused = await http(platform.baseUrl, '/api/audit', { token: observer });
    expect(refused.status).toBe(403);
    expect((await http(platform.baseUrl, '/api/audit?limit=501', { token: admin })).status).toBe(400);
    expect((await http(platform.baseUrl, '/api/audit?from=yesterday', { token: admin })).status).toBe(400);
  });
});
