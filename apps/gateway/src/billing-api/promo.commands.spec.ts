import { testGateway } from '../gateway.test-factory.js';

/** The gateway's limits of a promo's counts are the pricing service's (promo.rules.ts), so both say the same. */
describe('promo code limits at the gateway', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    gateway = await testGateway();
    headers = { authorization: `Bearer ${await gateway.token()}` };
  });
  afterAll(() => gateway?.close());

  const create = (terms: Record<string, unknown>) =>
    gateway.inject({
      method: 'POST',
      url: '/api/rest/v2.9/billing/promocode',
      headers,
      payload: { code: 'LIMITS', type: 'PERCENTAGE', discount: '10', expires: '2030-12-31', ...terms },
    });

  it.each([
    [{ maxRedemptions: 0 }, 'maxRedemptions must be a whole number from 1 to 1000000000'],
    [{ maxRedemptions: 1_000_000_001 }, 'maxRedemptions must be a whole number from 1 to 1000000000'],
    [{ maxPerCustomer: 1_000_001 }, 'maxPerCustomer must be a whole number from 1 to 1000000'],
  ])('refuses %j with 400 FAULT before any service call', async (terms, message) => {
    gateway.calls.length = 0;
    const res = await create(terms);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 400, body: { code: 'FAULT', message } });
    expect(gateway.calls).toEqual([]);
  });

  it('passes the largest counts on, and only the parameters given', async () => {
    gateway.calls.length = 0;
    expect((await create({ maxRedemptions: 1_000_000_000, maxPerCustomer: 1_000_000 })).statusCode).toBe(200);
    expect(gateway.calls.map((call) => call.envelope.data)).toEqual([
      {
        promo: {
          code: 'LIMITS',
          type: 'PERCENTAGE',
          discount: '10',
          expires: '2030-12-31',
          maxRedemptions: 1_000_000_000,
          maxPerCustomer: 1_000_000,
        },
      },
    ]);
  });
});
