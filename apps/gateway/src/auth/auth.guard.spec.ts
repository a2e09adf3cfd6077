import { testGateway } from '../gateway.test-factory.js';

describe('credentials in more than one header', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    gateway = await testGateway();
    alice = await gateway.token({ userId: 'user-a', username: 'alice' });
    bob = await gateway.token({ userId: 'user-b', username: 'bob' });
  });
  afterAll(() => gateway?.close());

  it('accepts the same token in both', async () => {
    const res = await gateway.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${alice}`, 'x-auth-token': alice },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'alice' });
  });

  it("refuses two different tokens with 400 in the surface's shape, acting for neither", async () => {
    const headers = { authorization: `Bearer ${alice}`, 'x-auth-token': bob };
    const me = await gateway.inject({ method: 'GET', url: '/auth/me', headers });
    expect(me.statusCode).toBe(400);
    expect(me.json()).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/two different credentials/) });

    const account = await gateway.inject({ method: 'GET', url: '/v2/accounts/10000001', headers });
    expect(account.statusCode).toBe(400);
    expect(account.json()).toEqual({ badRequest: { code: 400, message: expect.stringMatching(/two different credentials/) } });

    const rates = await gateway.inject({ method: 'GET', url: '/api/rest/v2.9/billing/currencies', headers });
    expect(rates.statusCode).toBe(400);
    expect(rates.json()).toEqual({ code: 'FAULT', message: expect.stringMatching(/two different credentials/) });
    expect(gateway.calls).toEqual([]);
  });

  it('refuses a wrong second token as well, rather than using the good one', async () => {
    const res = await gateway.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${alice}`, 'x-auth-token': 'forged' },
    });
    expect(res.statusCode).toBe(400);
  });
});
