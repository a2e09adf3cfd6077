import { testGateway } from '../../gateway.test-factory.js';

describe('revoking credentials', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;

  beforeAll(async () => {
    gateway = await testGateway();
  });
  afterAll(() => gateway?.close());

  const me = (token: string) => gateway.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('stops a token at once when the accounts service announces a change', async () => {
    const token = await gateway.token({ userId: 'user-r1' });
    expect((await me(token)).statusCode).toBe(200);
    // The user signs out everywhere: the service raises the version, then announces it.
    gateway.credentialStates.set('user-r1', { active: true, tokenVersion: 1 });
    expect((await me(token)).statusCode).toBe(200); // cached until the announcement
    await gateway.announceCredentialsChanged('user-r1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const revoked = await me(token);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ message: 'Access token revoked' });
    expect((await me(await gateway.token({ userId: 'user-r1', tokenVersion: 1 }))).statusCode).toBe(200);
  });

  it('refuses the tokens of a deleted user', async () => {
    const token = await gateway.token({ userId: 'user-r2' });
    expect((await me(token)).statusCode).toBe(200);
    gateway.credentialStates.set('user-r2', { active: false, tokenVersion: 0 });
    await gateway.announceCredentialsChanged('user-r2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await me(token)).statusCode).toBe(401);
  });
});
