import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http, type HttpResult } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
const MAX_FAILURES = 3;

/** Regression tests for the accounts service's items of the security issue (docs/security.md). */
describe.each(DATABASES)('security of the accounts service through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;

  beforeAll(async () => {
    platform = await startPlatform({
      database,
      // The gateway's own per-address sign-in limit would answer the burst first: this tests the service's lockout.
      env: {
        LOGIN_MAX_FAILURES: String(MAX_FAILURES),
        LOGIN_LOCKOUT_SECONDS: '60',
        LOGIN_RATE_PER_MINUTE: '10000',
        LOGIN_RATE_GLOBAL_PER_MINUTE: '100000',
      },
    });
    admin = await platform.token('admin', platform.adminPassword);
  });
  afterAll(() => platform?.stop());

  const createUser = (token: string, username: string, roles: string[]) =>
    http(platform.baseUrl, '/api/identity/users', { token, json: { username, password: PASSWORD, roles } });
  const deleteUser = (token: string, id: string) => http(platform.baseUrl, `/api/identity/users/${id}`, { method: 'DELETE', token });
  const users = async (token: string): Promise<{ id: string; username: string; roles: string[] }[]> =>
    (await http(platform.baseUrl, '/api/identity/users', { token })).body.users;
  const signIn = (username: string, password: string) => http(platform.baseUrl, '/auth/token', { json: { username, password } });

  describe('the billing account hierarchy under concurrent re-parents', () => {
    const api = (path: string, init: Parameters<typeof http>[2] = {}) =>
      http(platform.baseUrl, path, { token: admin, tokenHeader: 'x-auth-token', ...init });
    const createAccount = async (name: string): Promise<string> => {
      const res = await api('/v2/accounts', { json: { name, currency: 'USD' } });
      expect(res.status).toBe(201);
      return res.body.billingAccount.accountNumber;
    };
    const reparent = (account: string, parent: string) =>
      api(`/v2/accounts/${account}`, { method: 'PATCH', json: { parentAccountNumber: parent } });

    /** The parents above an account, read back through GET; fails on a loop. */
    async function parentsOf(account: string): Promise<string[]> {
      const chain: string[] = [];
      for (let current = account; ;) {
        const res = await api(`/v2/accounts/${current}`);
        expect(res.status).toBe(200);
        const parent: string | undefined = res.body.billingAccount.parentAccountNumber;
        if (!parent) return chain;
        if (parent === account || chain.includes(parent)) throw new Error(`loop: ${[account, ...chain, parent].join(' > ')}`);
        chain.push(parent);
        current = parent;
      }
    }

    it('stays a tree over 20 rounds of 10 opposing pairs sent at once: one of each pair wins, the other is 409', async () => {
      for (let round = 0; round < 20; round++) {
        const pairs = await Promise.all(
          Array.from(
            { length: 10 },
            async (_, i) => [await createAccount(`x-${round}-${i}`), await createAccount(`y-${round}-${i}`)] as const,
          ),
        );
        const answers = await Promise.all(pairs.flatMap(([x, y]) => [reparent(x, y), reparent(y, x)]));
        for (const [i, [x, y]] of pairs.entries()) {
          const statuses = [answers[2 * i]!.status, answers[2 * i + 1]!.status].sort();
          expect({ round, pair: i, statuses }).toEqual({ round, pair: i, statuses: [200, 409] });
          const loser = answers[2 * i]!.status === 409 ? answers[2 * i]! : answers[2 * i + 1]!;
          expect(loser.body).toEqual({ conflict: { code: 409, message: expect.stringContaining('descendant') } });
          // Exactly one of the two sits under the other, and walking up ends at a root.
          expect((await parentsOf(x)).length + (await parentsOf(y)).length).toBe(1);
        }
      }
    }, 300_000);
  });

  describe('the sign-in lockout under a burst of wrong passwords', () => {
    it('checks at most LOGIN_MAX_FAILURES of 40 parallel guesses; the rest, and the right password during and after, are 429', async () => {
      expect((await createUser(admin, 'burst-victim', ['observer'])).status).toBe(201);
      // The right password goes out as soon as the lock shows, while other guesses are in flight.
      let during: Promise<HttpResult> | undefined;
      const guess = async (i: number) => {
        const res = await signIn('burst-victim', `wrong-password-${i}`);
        if (res.status === 429) during ??= signIn('burst-victim', PASSWORD);
        return res;
      };
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => guess(i)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
      expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
      expect(answers.find((a) => a.status === 429)?.body.code).toBe('IDENTITY_TOO_MANY_ATTEMPTS');
      expect(during).toBeDefined();
      expect((await during!).status).toBe(429);
      const after = await signIn('burst-victim', PASSWORD);
      expect(after.status).toBe(429);
      expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('who may grant and delete what', () => {
    let helpdesk: string;

    beforeAll(async () => {
      expect((await createUser(admin, 'helpdesk', ['identity:user-admin'])).status).toBe(201);
      helpdesk = await platform.token('helpdesk', PASSWORD);
    });

    it('refuses a user admin every role above its own (403) and grants its own and the observer roles', async () => {
      for (const roles of [['admin'], ['billing:admin'], ['observer', 'admin']]) {
        const res = await createUser(helpdesk, `escalated-${roles.join('-').replace(/:/g, '-')}`, roles);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('IDENTITY_NOT_PERMITTED');
      }
      for (const role of ['identity:user-admin', 'billing:observer', 'observer']) {
        expect((await createUser(helpdesk, `granted-${role.replace(':', '-')}`, [role])).status).toBe(201);
      }
      const names = (await users(admin)).map((u) => u.username);
      expect(names.filter((n) => n.startsWith('escalated-'))).toEqual([]);
    });

    it('refuses a user admin the deletion of an admin (403) and everyone the deletion of the last operator (409)', async () => {
      const second = await createUser(admin, 'second-admin', ['admin']);
      expect(second.status).toBe(201);
      const refused = await deleteUser(helpdesk, second.body.id);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('IDENTITY_NOT_PERMITTED');

      const operator = (await users(admin)).find((u) => u.username === 'admin')!;
      const secondAdmin = await platform.token('second-admin', PASSWORD);
      for (const token of [helpdesk, secondAdmin]) {
        const res = await deleteUser(token, operator.id);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('IDENTITY_LAST_OPERATOR');
      }
      expect((await users(admin)).map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'second-admin']));
      // The operator can still create tenants.
      const tenant = await http(platform.baseUrl, '/api/identity/tenants', {
        token: admin,
        json: { name: 'still-possible', admin: { username: 'still-admin', password: PASSWORD } },
      });
      expect(tenant.status).toBe(201);
    });

    it("refuses the deletion of a tenant's last admin with 409", async () => {
      const created = await http(platform.baseUrl, '/api/identity/tenants', {
        token: admin,
        json: { name: 'solo', admin: { username: 'solo-admin', password: PASSWORD } },
      });
      expect(created.status).toBe(201);
      const soloAdmin = await platform.token('solo-admin', PASSWORD);
      expect((await createUser(soloAdmin, 'solo-helpdesk', ['identity:user-admin'])).status).toBe(201);
      const res = await deleteUser(await platform.token('solo-helpdesk', PASSWORD), created.body.admin.id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('IDENTITY_LAST_ADMIN');
      expect((await users(soloAdmin)).map((u) => u.username)).toContain('solo-admin');
    });

    it('leaves each tenant one admin when its two admins delete each other at once (10 tenants together)', async () => {
      const pairs: { a: string; aId: string; b: string; bId: string }[] = [];
      for (let i = 0; i < 10; i++) {
        const tenant = await http(platform.baseUrl, '/api/identity/tenants', {
          token: admin,
          json: { name: `pair-${i}`, admin: { username: `pair-${i}-a`, password: PASSWORD } },
        });
        expect(tenant.status).toBe(201);
        const a = await platform.token(`pair-${i}-a`, PASSWORD);
        const b = await createUser(a, `pair-${i}-b`, ['admin']);
        pairs.push({ a, aId: tenant.body.admin.id, b: await platform.token(`pair-${i}-b`, PASSWORD), bId: b.body.id });
      }
      const answers = await Promise.all(pairs.flatMap((p) => [deleteUser(p.a, p.bId), deleteUser(p.b, p.aId)]));
      for (const [i, pair] of pairs.entries()) {
        const [first, second] = [answers[2 * i]!, answers[2 * i + 1]!];
        expect({ pair: i, statuses: [first.status, second.status].sort() }).toEqual({ pair: i, statuses: [204, 401] });
        const survivor = first.status === 204 ? pair.a : pair.b;
        expect((await users(survivor)).map((u) => u.roles)).toEqual([['admin']]);
      }
    });
  });

  describe('a deleted user', () => {
    it('can no longer create users, delete users or act at all', async () => {
      expect((await createUser(admin, 'leaver', ['identity:user-admin'])).status).toBe(201);
      const leaver = await platform.token('leaver', PASSWORD);
      const victim = await createUser(admin, 'leaver-victim', ['observer']);
      const leaverId = (await users(admin)).find((u) => u.username === 'leaver')!.id;
      expect((await deleteUser(admin, leaverId)).status).toBe(204);

      expect((await createUser(leaver, 'left-behind', ['identity:user-admin'])).status).toBe(401);
      expect((await deleteUser(leaver, victim.body.id)).status).toBe(401);
      const names = (await users(admin)).map((u) => u.username);
      expect(names).toContain('leaver-victim');
      expect(names).not.toContain('left-behind');
    });
  });
});
