import { IdentityErrorCode, type CallerContext } from '@billing/contracts';
import { createAccounts } from '../accounts.test-factory.js';

const PASSWORD = 'a-long-enough-passphrase';

describe('identity (accounts service on SQLite)', () => {
  let accounts: Awaited<ReturnType<typeof createAccounts>>;
  let operator: CallerContext;

  beforeAll(async () => {
    accounts = await createAccounts({ LOGIN_MAX_FAILURES: '2', LOGIN_LOCKOUT_SECONDS: '30' });
    expect(await accounts.tenants.ensureBootstrap()).toEqual({ created: true, generatedPassword: undefined });
    const admin = await accounts.signIn.verify({ username: 'ADMIN', password: 'bootstrap-password', clientKey: 'test' });
    operator = { ...admin, operator: true };
  });
  afterAll(() => accounts.close());

  it('creates the bootstrap tenant and operator only once', async () => {
    expect(await accounts.tenants.ensureBootstrap()).toEqual({ created: false });
    expect(operator).toMatchObject({ username: 'admin', tenantName: 'default', roles: ['admin'], operator: true });
  });

  it('generates and returns a password when none is configured', async () => {
    const fresh = await createAccounts({ ADMIN_PASSWORD: '' });
    try {
      const { generatedPassword } = await fresh.tenants.ensureBootstrap();
      expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      await expect(fresh.signIn.verify({ username: 'admin', password: generatedPassword!, clientKey: 'x' })).resolves.toMatchObject({
        operator: true,
      });
    } finally {
      await fresh.close();
    }
  });

  it('locks a (username, client) pair after the configured failures, and only that pair', async () => {
    await accounts.users.create(operator, { username: 'lockme', password: PASSWORD, roles: ['observer'] });
    const attempt = (password: string, clientKey = 'client-a') => accounts.signIn.verify({ username: 'lockme', password, clientKey });
    await expect(attempt('wrong-1')).rejects.toMatchObject({ code: IdentityErrorCode.InvalidCredentials });
    await expect(attempt('wrong-2')).rejects.toMatchObject({
      code: IdentityErrorCode.TooManyAttempts,
      details: { retryAfterSeconds: 30 },
    });
    await expect(attempt(PASSWORD)).rejects.toMatchObject({ code: IdentityErrorCode.TooManyAttempts });
    await expect(attempt(PASSWORD, 'client-b')).resolves.toMatchObject({ username: 'lockme' });
  });

  it('scopes users to the caller tenant', async () => {
    const { tenant } = await accounts.tenants.create(operator, { name: 'acme', admin: { username: 'acme-root', password: PASSWORD } });
    const acmeAdmin = await accounts.signIn.verify({ username: 'acme-root', password: PASSWORD, clientKey: 't' });
    expect(acmeAdmin.tenantId).toBe(tenant.id);
    const acmeCaller = { ...acmeAdmin };
    expect((await accounts.users.list(acmeCaller)).users.map((u) => u.username)).toEqual(['acme-root']);
    const lockme = (await accounts.users.list(operator)).users.find((u) => u.username === 'lockme')!;
    await expect(accounts.users.remove(acmeCaller, lockme.id)).rejects.toMatchObject({ code: IdentityErrorCode.UserNotFound });
  });

  it('refuses tenant creation to anyone but the operator', async () => {
    await expect(
      accounts.tenants.create({ ...operator, operator: false }, { name: 'nope', admin: { username: 'nope-admin', password: PASSWORD } }),
    ).rejects.toMatchObject({ code: IdentityErrorCode.OperatorOnly });
  });
});
