import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
/** Fields the server owns, sent by a client hoping they stick. */
const OWNED = { tenantId: 'someone-else', tenant_id: 'someone-else', createdAt: '2000-01-01T00:00:00Z', updatedAt: '2000-01-01T00:00:00Z' };
const recent = (iso: string) => Date.now() - Date.parse(iso) < 60_000;

describe.each(DATABASES)('server-owned fields in request bodies are never stored (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let rival: string;
  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    await api('/api/identity/tenants', { json: { name: 'mass-rival', admin: { username: 'mass-rival-admin', password: PASSWORD } } });
    rival = await platform.token('mass-rival-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  it('customers v01: a body naming id, tenant or timestamps is refused with 400 and stores nothing', async () => {
    const res = await api('/api/v01/customers', { method: 'PUT', json: { ...OWNED, id: 424242, organizationName: 'Mass' } });
    expect(res.status).toBe(400);
    expect((await api('/api/v01/customers?organizationName=Mass')).body).toEqual([]);
    const made = (await api('/api/v01/customers', { method: 'PUT', json: { organizationName: 'Mass ok' } })).body;
    const update = await api(`/api/v01/customers/${made.id}`, { method: 'POST', json: { ...OWNED, id: 1, organizationName: 'Mass 2' } });
    expect(update.status).toBe(400);
    expect((await api(`/api/v01/customers/${made.id}`)).body).toMatchObject({
      id: made.id,
      organizationName: 'Mass ok',
      createdAt: made.createdAt,
    });
  });

  it('billing API: a product is created ACTIVE with server timestamps; a quote computes its own number, status and totals', async () => {
    const product = await api('/api/rest/v2.9/billing/products', {
      json: {
        ...OWNED,
        code: 'mass',
        name: 'Mass',
        unit: 'each',
        chargeType: 'ONE_OFF',
        status: 'RETIRED',
        retiredAt: OWNED.createdAt,
        prices: [{ currency: 'USD', unitPrice: '2' }],
      },
    });
    expect(product.body.product).toMatchObject({ status: 'ACTIVE', retiredAt: null });
    expect(recent(product.body.product.createdAt)).toBe(true);
    const customer = (await api('/api/v01/customers', { method: 'PUT', json: { organizationName: 'Quoted' } })).body.id;
    const quote = await api('/api/rest/v2.9/billing/quotes', {
      json: {
        ...OWNED,
        customerId: customer,
        currency: 'USD',
        lines: [{ productCode: 'mass', quantity: 3, amount: '0.01' }],
        status: 'ACCEPTED',
        number: 'Q-999',
        total: '0.00',
        id: 9999,
      },
    });
    expect(quote.body.quotation).toMatchObject({ status: 'OPEN', total: '6.00', subtotal: '6.00' });
    expect(quote.body.quotation.number).not.toBe('Q-999');
    expect(quote.body.quotation.id).not.toBe(9999);
    expect(quote.body.quotation.lines[0].amount).toBe('6.00');
    const promo = await api('/api/rest/v2.9/billing/promocode', {
      json: {
        ...OWNED,
        code: 'MASS',
        type: 'PERCENTAGE',
        discount: '5',
        expires: '2099-12-31',
        redemptions: 99,
        status: 'EXHAUSTED',
        id: 777,
      },
    });
    expect(promo.body.promocode).toMatchObject({ redemptions: 0, status: 'ACTIVE' });
    expect(promo.body.id).not.toBe(777);
  });

  it('billing accounts v2: a body naming the account number or tenant is refused with 400', async () => {
    const res = await api('/v2/accounts', {
      json: { ...OWNED, accountNumber: '99999999', name: 'mass', currency: 'USD', monthlyRecurringRevenue: '1.00' },
    });
    expect(res.status).toBe(400);
    expect((await api('/v2/accounts/99999999')).status).toBe(404);
  });

  it('call rates: a body naming the id or tenant is refused with 400 and stores nothing', async () => {
    const res = await api('/api/call_rates', { json: { ...UK_RATE, ...OWNED, id: 'AAAAAAAAAAAAAAAAAAAA', prefix: '4477' } });
    expect(res.status).toBe(400);
    expect((await api('/api/call_rates')).body.items.map((i: { prefix: string }) => i.prefix)).not.toContain('4477');
    expect((await http(platform.baseUrl, '/api/call_rates', { token: rival })).body.items).toEqual([]);
  });

  it('identity: a user cannot be created in another tenant or as the operator through body fields', async () => {
    const res = await api('/api/identity/users', {
      json: { ...OWNED, username: 'mass-user', password: PASSWORD, roles: ['billing:observer'], operator: true, tokenVersion: 99 },
    });
    expect(res.status).toBeLessThan(300);
    const token = await platform.token('mass-user', PASSWORD);
    const me = (await http(platform.baseUrl, '/auth/me', { token })).body;
    expect(me).toMatchObject({ tenant: { name: 'default' }, roles: ['billing:observer'] });
    expect(me.operator ?? false).toBe(false);
  });
});
