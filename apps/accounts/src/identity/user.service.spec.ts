import { IdentityErrorCode, type CallerContext, type Role } from '@billing/contracts';
import { createAccounts } from '../accounts.test-factory.js';

const PASSWORD = 'a-long-enough-passphrase';

describe('who may create and delete whom (accounts service on SQLite)', () => {
  let accounts: Awaited<ReturnType<typeof createAccounts>>;
  let operator: CallerContext;
  let userAdmin: CallerContext;

  const signIn = (username: string): Promise<CallerContext> => accounts.signIn.verify({ username, password: PASSWORD, clientKey: 'test' });
  const createUser = (caller: CallerContext, username: string, roles: Role[]) =>
    accounts.users.create(caller, { username, password: PASSWORD, roles });
  const usernames = async (caller: CallerContext) => (await accounts.users.list(caller)).users.map((u) => u.username);

  beforeAll(async () => {
    accounts = await createAccounts();
    await accounts.tenants.ensureBootstrap();
    operator = await accounts.signIn.verify({ username: 'admin', password: 'bootstrap-password', clientKey: 'test' });
    await createUser(operator, 'helpdesk', ['identity:user-admin']);
    userAdmin = await signIn('helpdesk');
  });
  afterAll(() => accounts.close());

  it('lets a user admin grant only its own role and the observer roles', async () => {
    for (const role of ['admin', 'billing:admin'] as const) {
      await expect(createUser(userAdmin, `escalated-${role.replace(':', '-')}`, [role])).rejects.toMatchObject({
        code: IdentityErrorCode.NotPermitted,
      });
    }
    await expect(createUser(userAdmin, 'mixed', ['observer', 'admin'])).rejects.toMatchObject({ code: IdentityErrorCode.NotPermitted });
    for (const role of ['identity:user-admin', 'billing:observer', 'observer'] as const) {
      await expect(createUser(userAdmin, `granted-${role.replace(':', '-')}`, [role])).resolves.toMatchObject({ roles: [role] });
    }
    expect(await usernames(operator)).not.toEqual(expect.arrayContaining(['escalated-admin', 'escalated-billing-admin', 'mixed']));
  });

  it('keeps a user admin from deleting anyone who holds a role it cannot grant', async () => {
    const second = await createUser(operator, 'second-admin', ['admin']);
    const billing = await createUser(operator, 'billing-boss', ['billing:admin']);
    for (const target of [second, billing]) {
      await expect(accounts.users.remove(userAdmin, target.id)).rejects.toMatchObject({ code: IdentityErrorCode.NotPermitted });
    }
    const observer = await createUser(userAdmin, 'deletable', ['observer']);
    await expect(accounts.users.remove(userAdmin, observer.id)).resolves.toEqual({ deleted: true });
    expect(await usernames(operator)).toEqual(expect.arrayContaining(['second-admin', 'billing-boss']));
  });

  it('never deletes the last operator, whoever asks', async () => {
    const secondAdmin = await signIn('second-admin');
    await expect(accounts.users.remove(secondAdmin, operator.userId)).rejects.toMatchObject({ code: IdentityErrorCode.LastOperator });
    await expect(accounts.users.remove(userAdmin, operator.userId)).rejects.toMatchObject({ code: IdentityErrorCode.LastOperator });
    expect(await usernames(operator)).toContain('admin');
  });

  it("never deletes a tenant's last admin", async () => {
    const { tenant } = await accounts.tenants.create(operator, { name: 'solo', admin: { username: 'solo-admin', password: PASSWORD } });
    const soloAdmin = await signIn('solo-admin');
    await createUser(soloAdmin, 'solo-helpdesk', ['identity:user-admin']);
    const helpdesk = await signIn('solo-helpdesk');
    expect(helpdesk.tenantId).toBe(tenant.id);
    await expect(accounts.users.remove(helpdesk, soloAdmin.userId)).rejects.toMatchObject({ code: IdentityErrorCode.LastAdmin });
  });

  it('lets only one of two admins deleting each other at once succeed, so the tenant keeps an admin', async () => {
    for (let round = 0; round < 5; round++) {
      await accounts.tenants.create(operator, { name: `pair-${round}`, admin: { username: `pair-${round}-a`, password: PASSWORD } });
      const a = await signIn(`pair-${round}-a`);
      await createUser(a, `pair-${round}-b`, ['admin']);
      const b = await signIn(`pair-${round}-b`);
      const outcomes = await Promise.allSettled([accounts.users.remove(a, b.userId), accounts.users.remove(b, a.userId)]);
      const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'deleted' : (o.reason as { code: string }).code)).sort();
      expect(codes).toEqual([IdentityErrorCode.CallerUnknown, 'deleted'].sort());
      const survivor = outcomes[0]!.status === 'fulfilled' ? a : b;
      expect((await accounts.users.list(survivor)).users.map((u) => u.roles)).toEqual([['admin']]);
    }
  });

  it('re-checks the caller on every privileged call: a deleted user is 401, a role it no longer holds is 403', async () => {
    await createUser(operator, 'leaver', ['identity:user-admin']);
    const leaver = await signIn('leaver');
    await accounts.users.remove(operator, leaver.userId);
    await expect(createUser(leaver, 'left-behind', ['observer'])).rejects.toMatchObject({ code: IdentityErrorCode.CallerUnknown });
    const victim = await createUser(operator, 'victim', ['observer']);
    await expect(accounts.users.remove(leaver, victim.id)).rejects.toMatchObject({ code: IdentityErrorCode.CallerUnknown });

    // A token that claims more than the user holds acts with only what the user holds.
    const observer = await signIn('victim');
    const claimsAdmin = { ...observer, roles: ['admin'] as Role[] };
    await expect(createUser(claimsAdmin, 'forged', ['admin'])).rejects.toMatchObject({ code: IdentityErrorCode.NotPermitted });
    const claimsOperator = { ...(await signIn('second-admin')), operator: true };
    await expect(
      accounts.tenants.create(claimsOperator, { name: 'forged', admin: { username: 'forged-admin', password: PASSWORD } }),
    ).rejects.toMatchObject({ code: IdentityErrorCode.OperatorOnly });
    expect(await usernames(operator)).not.toEqual(expect.arrayContaining(['left-behind', 'forged']));
  });
});
