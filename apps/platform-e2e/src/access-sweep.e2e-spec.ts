import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http, type HttpResult } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

/** Writes any authenticated caller may make: signing out, rating a call (a read sent as POST). */
const OPEN_TO_READERS = new Set(['POST /auth/logout', 'POST /api/calls/rate']);
/** Routes whose path parameter is not an object of a tenant (every tenant has its own terms). */
const NOT_OBJECTS = new Set(['PUT /api/rest/v2.9/billing/options/terms/{term}']);

interface Route {
  method: string;
  path: string;
  public: boolean;
}

const key = (route: Route) => `${route.method} ${route.path}`;
const isWrite = (route: Route) => route.method !== 'GET';

/**
 * Every route of the OpenAPI document, three times: without credentials (401), as an observer on
 * every write (403), and as another tenant's admin on every route that names an object (404). A
 * route added later is swept the same way, so one that forgets its access rule fails here.
 */
describe.each(DATABASES)('access to every route of the OpenAPI document (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let observer: string;
  let rival: string;
  let routes: Route[];
  /** A value for each path parameter; `{id}` names a different object on each surface, by path prefix. */
  const ids: Record<string, string> = {};
  let idOf: Record<string, string> = {};

  function bodyFor(route: Route): Record<string, unknown> | undefined {
    switch (key(route)) {
      case 'POST /api/rest/v2.9/json.php':
        return { cmd: 'billing.product.create', code: 'x', name: 'x', unit: 'each', chargeType: 'ONE_OFF', prices: [] };
      case 'PUT /api/rest/v2.9/billing/pricing/{customerId}/{productCode}':
        return { currency: 'USD', unitPrice: '1' };
      case 'PUT /api/rest/v2.9/billing/products/{productCode}/options/{group}':
        return { name: 'RAM', choices: [{ code: '8GB', prices: [{ currency: 'USD', unitPrice: '1' }] }] };
      case 'PUT /api/rest/v2.9/billing/promocode/{id}':
        return { discount: '5' };
      case 'POST /api/v01/customers/{id}':
        return { firstName: 'Eve' };
      case 'PATCH /v2/accounts/{ran}':
        return { name: 'renamed' };
      case 'POST /v2/accounts/{ran}/ledger':
        return { amount: '1.00', description: 'x' };
      case 'POST /api/call_rates/{id}':
        return { price_1: 0.2 };
      default:
        return {};
    }
  }

  const json = (path: string, body: unknown, method = 'POST') => http(platform.baseUrl, path, { token: admin, method, json: body });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    const user = await json('/api/identity/users', { username: 'sweep-reader', password: PASSWORD, roles: ['billing:observer'] });
    observer = await platform.token('sweep-reader', PASSWORD);
    await json('/api/identity/tenants', { name: 'sweep-rival', admin: { username: 'sweep-rival-admin', password: PASSWORD } });
    rival = await platform.token('sweep-rival-admin', PASSWORD);
    const customer = await json('/api/v01/customers', { organizationName: 'Swept' }, 'PUT');
    await json('/api/rest/v2.9/billing/products', {
      code: 'swept',
      name: 'Swept',
      unit: 'each',
      chargeType: 'ONE_OFF',
      prices: [{ currency: 'USD', unitPrice: '1' }],
    });
    await json('/api/rest/v2.9/billing/products/swept/options/RAM', { name: 'RAM', choices: [{ code: '4GB', prices: [] }] }, 'PUT');
    const promo = await json('/api/rest/v2.9/billing/promocode', {
      code: 'SWEPT',
      type: 'PERCENTAGE',
      discount: '5',
      expires: '2099-12-31',
    });
    const quote = await json('/api/rest/v2.9/billing/quotes', {
      customerId: customer.body.id,
      currency: 'USD',
      lines: [{ productCode: 'swept', quantity: 1 }],
    });
    const account = await json('/v2/accounts', { name: 'swept', currency: 'USD', monthlyRecurringRevenue: '1.00' });
    const rate = await json('/api/call_rates', UK_RATE);
    Object.assign(ids, {
      code: 'swept',
      productCode: 'swept',
      group: 'RAM',
      term: 'ANNUAL',
      customerId: String(customer.body.id),
      ran: account.body.billingAccount.accountNumber,
    });
    idOf = {
      '/api/identity/users/': user.body.id,
      '/api/rest/v2.9/billing/promocode/': String(promo.body.id),
      '/api/rest/v2.9/billing/quotes/': String(quote.body.quotation.id),
      '/api/v01/customers/': String(customer.body.id),
      '/api/call_rates/': rate.body.id,
    };
    const doc = (await http(platform.baseUrl, '/docs-json')).body;
    routes = Object.entries<any>(doc.paths).flatMap(([path, operations]) =>
      Object.entries<any>(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        public: Array.isArray(operation.security) && operation.security.length === 0,
      })),
    );
    expect(routes.length).toBeGreaterThan(60);
  });
  afterAll(() => platform?.stop());

  const call = (token: string | undefined, route: Route): Promise<HttpResult> => {
    const id = Object.entries(idOf).find(([prefix]) => route.path.startsWith(prefix))?.[1] ?? 'missing';
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === 'id' ? id : (ids[name] ?? 'missing')));
    const body = isWrite(route) ? bodyFor(route) : undefined;
    return http(platform.baseUrl, path, { method: route.method, token, ...(body ? { json: body } : {}) });
  };

  it('answers 401 without credentials on every route that is not public, in the surface error shape', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !r.public)) {
      const res = await call(undefined, route);
      if (res.status !== 401 || typeof res.body !== 'object') wrong.push(`${key(route)} -> ${res.status}`);
      if (route.path.startsWith('/api/rest/v2.9/') && res.body?.code !== 'FAULT') wrong.push(`${key(route)} not FAULT`);
      if (route.path.startsWith('/api/v01/') && res.body?.error?.status !== 401) wrong.push(`${key(route)} not v01 error`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to an observer on every write, before touching anything', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !r.public && isWrite(r) && !OPEN_TO_READERS.has(key(r)))) {
      const res = await call(observer, route);
      if (res.status !== 403) wrong.push(`${key(route)} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect((await http(platform.baseUrl, '/api/rest/v2.9/billing/products/swept', { token: admin })).body.product.name).toBe('Swept');
  });

  it("answers 404 to another tenant's admin on every route that names an object, and changes nothing", async () => {
    const wrong: string[] = [];
    const objectRoutes = routes.filter((r) => !r.public && /\{\w+\}/.test(r.path) && !NOT_OBJECTS.has(key(r)));
    expect(objectRoutes.length).toBeGreaterThan(25);
    for (const route of objectRoutes) {
      const res = await call(rival, route);
      if (res.status !== 404) wrong.push(`${key(route)} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
    const product = await http(platform.baseUrl, '/api/rest/v2.9/billing/products/swept', { token: admin });
    expect(product.body.product).toMatchObject({ name: 'Swept', status: 'ACTIVE' });
  });
});
