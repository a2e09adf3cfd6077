import { AccountsContracts } from '@billing/contracts';
import { TEST_USER, testGateway } from '../gateway.test-factory.js';

describe('the sign-in rate limit', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;

  beforeAll(async () => {
    // Behind a trusted proxy the client address is X-Forwarded-For's: one gateway, many clients.
    gateway = await testGateway({
      env: { LOGIN_RATE_PER_MINUTE: '3', LOGIN_RATE_GLOBAL_PER_MINUTE: '8', TRUST_PROXY: 'true' },
      answer: ({ pattern, envelope }) => (pattern === AccountsContracts.VerifyCredentials.pattern ? TEST_USER : { echo: envelope.data }),
    });
  });
  afterAll(() => gateway?.close());

  const signIn = (address: string) =>
    gateway.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'x-forwarded-for': address },
      payload: { username: 'alice', password: 'a long passphrase' },
    });
  const verifications = () => gateway.calls.filter((call) => call.pattern === AccountsContracts.VerifyCredentials.pattern).length;

  it('answers a token that no cache may keep', async () => {
    const res = await signIn('192.0.2.50');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
  });

  it('refuses the attempt after the limit from one address with 429 and Retry-After, before asking the service', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('192.0.2.1')).statusCode).toBe(200);
    const before = verifications();
    const refused = await signIn('192.0.2.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.json()).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/Too many sign-in attempts/),
    });
    expect(verifications()).toBe(before);
  });

  it("lets other addresses sign in while one floods, until the global limit, which the flood's refusals do not use up", async () => {
    // So far this minute: 192.0.2.50 once and 192.0.2.1 three times count globally (4 of 8).
    for (let i = 0; i < 20; i++) expect((await signIn('192.0.2.1')).statusCode).toBe(429);
    for (const address of ['192.0.2.2', '192.0.2.2', '192.0.2.3', '192.0.2.3']) expect((await signIn(address)).statusCode).toBe(200);
    const full = await signIn('192.0.2.4');
    expect(full.statusCode).toBe(429);
    expect(Number(full.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
