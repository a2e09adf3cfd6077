import { SERVICES } from '@billing/contracts';
import { startPlatform, TEST_NATS_URL, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http } from './http.js';
import { startNatsProxy, type NatsProxy } from './resilience-support.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
const BILLING = '/api/rest/v2.9/billing';
/** The name every telephony replica gives its events connection (libs/rpc's ServiceEvents). */
const TELEPHONY_EVENTS = 'billing-telephony-events';
const CSV_HEADER =
  'prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description\r\n';

/**
 * The platform with two processes of every service (`replicas: 2`, as `REPLICAS=2 npm start`): every
 * service's writes and reads spread over both, so a service that kept in memory what a replica needs
 * would answer wrongly here.
 */
describe.each(DATABASES)('replicas: two processes of every service (%s)', (database) => {
  let platform: RunningPlatform;
  let proxy: NatsProxy;
  let admin: string;

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });

  beforeAll(async () => {
    proxy = await startNatsProxy(TEST_NATS_URL);
    platform = await startPlatform({ database, replicas: 2 });
    admin = await platform.token('admin', platform.adminPassword);
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
  });

  it("serves every service's writes and reads across its replicas", async () => {
    expect(platform.processes().sort()).toEqual(['gateway', ...SERVICES, ...SERVICES.map((app) => `${app}#2`)].sort());

    // accounts: customers written through either replica are read through either.
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api('/api/v01/customers', { method: 'PUT', json: { organizationName: `Replica Co ${i}` } })),
    );
    for (const res of created) expect(res.status).toBe(201);
    for (const { body } of created) {
      for (let i = 0; i < 3; i++) expect((await api(`/api/v01/customers/${body.id}`)).body.organizationName).toBe(body.organizationName);
    }

    // accounts: failed sign-ins are counted in the database, so failures on either replica add up to the lock.
    expect((await api('/api/identity/users', { json: { username: 'replica-user', password: PASSWORD, roles: ['observer'] } })).status).toBe(
      201,
    );
    const signIn = (password: string) => http(platform.baseUrl, '/auth/token', { json: { username: 'replica-user', password } });
    for (let i = 1; i < 5; i++) expect((await signIn(`wrong-password-${i}`)).status).toBe(401);
    expect((await signIn('wrong-password-5')).status).toBe(429);
    expect((await signIn(PASSWORD)).status).toBe(429);

    // pricing: concurrent quotes through both replicas are numbered without gaps or repeats, and read back on either.
    const product = {
      code: 'replica-vm',
      name: 'VM',
      unit: 'month',
      chargeType: 'RECURRING',
      prices: [{ currency: 'USD', unitPrice: '10' }],
    };
    expect((await api(`${BILLING}/products`, { json: product })).status).toBe(200);
    const customerId = created[0]!.body.id as number;
    const quotes = await Promise.all(
      Array.from({ length: 10 }, () =>
        api(`${BILLING}/quotes`, { json: { customerId, currency: 'USD', lines: [{ productCode: 'replica-vm', quantity: 1 }] } }),
      ),
    );
    for (const res of quotes) expect(res.status).toBe(200);
    const numbers = quotes.map((res) => Number(String(res.body.quotation.number).slice(2))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => numbers[0]! + i));
    for (const res of quotes) expect((await api(`${BILLING}/quotes/${res.body.quotation.id}`)).status).toBe(200);

    // telephony: the tenant's billing settings written once are read the same on every replica.
    expect((await api('/api/tenant/billing', { json: { enabled: true, type: 'ONLINE' } })).status).toBe(200);
    for (let i = 0; i < 6; i++)
      expect((await api('/api/tenant/billing')).body).toEqual({ enabled: true, account: 'TENANT', type: 'ONLINE' });

    // entities and every other service: the health ping and the audit trail read from each service's replicas.
    for (let i = 0; i < 6; i++) expect((await http(platform.baseUrl, '/health')).status).toBe(200);
    const trail = await api('/api/audit?objectType=customer&limit=50');
    expect(trail.status).toBe(200);
    expect(trail.body.total).toBe(8);
  });

  it('rates with the newest rates on every replica, even when the change event reaches a replica late', async () => {
    // A third telephony replica reaches NATS through a proxy that can hold back the events it is sent,
    // as a NATS cluster may deliver an event after a request the client sent once the write answered.
    const late = await platform.addReplica('telephony', { NATS_URL: proxy.url });
    const rate = async () => (await api('/api/calls/rate', { json: { number: '8613800000000', duration: 61 } })).body;
    const ratingsOnLate = () => proxy.delivered('billing-telephony', '.telephony.call.rate');
    const rateMany = async (expected: unknown) => {
      const before = ratingsOnLate();
      // Spread over three replicas at random: the late one rates some of them (counted at the proxy).
      for (let i = 0; i < 45; i++) expect(await rate()).toEqual(expected);
      expect(ratingsOnLate()).toBeGreaterThan(before);
    };

    expect((await api('/api/call_rates', { json: UK_RATE })).status).toBe(200);
    // Every replica builds its index (no rate for China yet).
    await rateMany(expect.objectContaining({ code: 'TELEPHONY_NO_MATCHING_RATE' }));
    proxy.hold(TELEPHONY_EVENTS);
    try {
      // Each change is acknowledged before the ratings are sent; the late replica has not heard of any of them.
      const china = await api('/api/call_rates', { json: { ...UK_RATE, prefix: '86', description: 'China' } });
      expect(china.status).toBe(200);
      await rateMany(expect.objectContaining({ rate: expect.objectContaining({ prefix: '86' }), cost: '0.17600' }));

      expect((await api(`/api/call_rates/${china.body.id}`, { json: { connect_fee: 1 } })).status).toBe(200);
      await rateMany(expect.objectContaining({ rate: expect.objectContaining({ prefix: '86' }), cost: '1.25400' }));

      const imported = await api('/api/call_rates/import', {
        body: `${CSV_HEADER}861,INTERNATIONAL,0,5,60,30,0,0,1,1,China Mobile\r\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expect(imported.body).toEqual({ created: 1, updated: 0 });
      await rateMany(expect.objectContaining({ rate: expect.objectContaining({ prefix: '861' }), cost: '2.00000' }));

      const [china861] = (await api(`/api/call_rates?filter=${encodeURIComponent("prefix eq '861'")}`)).body.items;
      expect((await api(`/api/call_rates/${china861.id}/destroy`, { method: 'POST' })).status).toBe(204);
      await rateMany(expect.objectContaining({ rate: expect.objectContaining({ prefix: '86' }), cost: '1.25400' }));
    } finally {
      proxy.release();
    }
    await platform.kill(late, 'SIGTERM');
  });

  it('keeps answering, with no 503, when the first process of every service stops: the second serves alone', async () => {
    for (const app of SERVICES) await platform.kill(app, 'SIGTERM');
    expect((await http(platform.baseUrl, '/health')).status).toBe(200);
    expect((await api('/api/v01/customers?limit=100')).status).toBe(200);
    expect((await api(`${BILLING}/quotes?resWindow=20`)).body.matches).toBe(10);
    expect((await api('/api/calls/rate', { json: { number: '4420', duration: 61 } })).body.cost).toBe('0.17600');
    expect((await api('/api/audit?limit=1')).status).toBe(200);
  });
});
