import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { SERVICES } from '@billing/contracts';
import { queryPostgres, startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

describe.each(DATABASES)('identity, tokens, roles and tenants through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;

  beforeAll(async () => {
    platform = await startPlatform({ database, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '60' } });
    admin = await platform.token('admin', platform.adminPassword);
  });
  afterAll(() => platform?.stop());

  const createUser = (token: string, username: string, roles: string[]) =>
    http(platform.baseUrl, '/api/identity/users', { token, json: { username, password: PASSWORD, roles } });

  describe('POST /auth/token', () => {
    it('issues a Bearer JWT that /auth/me reads back', async () => {
      const res = await http(platform.baseUrl, '/auth/token', { json: { username: 'admin', password: platform.adminPassword } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
      expect(res.body.access_token.split('.')).toHaveLength(3);

      const me = await http(platform.baseUrl, '/auth/me', { token: res.body.access_token });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        username: 'admin',
        tenant: { id: expect.any(String), name: 'default' },
        roles: ['admin'],
        operator: true,
      });
    });

    it('gives the same 401 for a wrong password and for an unknown user', async () => {
      await createUser(admin, 'victim', ['observer']);
      const wrong = await http(platform.baseUrl, '/auth/token', { json: { username: 'victim', password: 'wrong-password!' } });
      const unknown = await http(platform.baseUrl, '/auth/token', { json: { username: 'nobody', password: 'wrong-password!' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.message).toBe('Invalid username or password');
    });

    it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
      await createUser(admin, 'throttled', ['observer']);
      const attempt = (password: string) => http(platform.baseUrl, '/auth/token', { json: { username: 'throttled', password } });
      expect((await attempt('wrong-password-1')).status).toBe(401);
      expect((await attempt('wrong-password-2')).status).toBe(401);
      const third = await attempt('wrong-password-3');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      const right = await attempt(PASSWORD);
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('rejects a body without credentials with 400', async () => {
      const res = await http(platform.baseUrl, '/auth/token', { json: { username: 'admin' } });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/password/);
    });

    it('refuses an expired token with 401', async () => {
      const key = readFileSync(join(platform.dataDir, 'dev-token-signing.key'), 'utf8').trim();
      const expired = await new SignJWT({ tid: 'x', org: 'default', usr: 'admin', roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer('billing-platform')
        .setAudience('billing-api')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode(key));
      const res = await http(platform.baseUrl, '/auth/me', { token: expired });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Access token expired');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    });
  });

  describe('users', () => {
    it('creates, lists and deletes users without ever showing a password or hash', async () => {
      const created = await createUser(admin, 'Jane.Doe', ['billing:observer']);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        username: 'jane.doe',
        tenantId: expect.any(String),
        roles: ['billing:observer'],
        createdAt: expect.any(String),
      });
      const list = await http(platform.baseUrl, '/api/identity/users', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.users.map((u: any) => u.username)).toContain('jane.doe');
      expect(list.text).not.toMatch(/password|hash|scrypt/i);

      const deleted = await http(platform.baseUrl, `/api/identity/users/${created.body.id}`, { method: 'DELETE', token: admin });
      expect(deleted.status).toBe(204);
      const again = await http(platform.baseUrl, `/api/identity/users/${created.body.id}`, { method: 'DELETE', token: admin });
      expect(again.status).toBe(404);
      expect((await http(platform.baseUrl, '/auth/token', { json: { username: 'jane.doe', password: PASSWORD } })).status).toBe(401);
    });

    it('refuses a taken username with 409 and bad input with 400, changing nothing', async () => {
      expect((await createUser(admin, 'dupe', ['observer'])).status).toBe(201);
      expect((await createUser(admin, 'DUPE', ['observer'])).status).toBe(409);
      expect((await createUser(admin, 'x', ['observer'])).status).toBe(400);
      expect((await createUser(admin, 'badrole', ['superuser'])).status).toBe(400);
      const short = await http(platform.baseUrl, '/api/identity/users', {
        token: admin,
        json: { username: 'shortpw', password: 'short', roles: ['observer'] },
      });
      expect(short.status).toBe(400);
      const list = await http(platform.baseUrl, '/api/identity/users', { token: admin });
      const names = list.body.users.map((u: any) => u.username);
      expect(names.filter((n: string) => n === 'dupe')).toHaveLength(1);
      expect(names).not.toContain('shortpw');
      expect(names).not.toContain('badrole');
    });

    it('enforces roles: reads for every role, writes for writers, user management for user admins', async () => {
      const roles = ['admin', 'billing:admin', 'billing:observer', 'observer', 'identity:user-admin'];
      for (const role of roles) {
        const username = `role-${role.replace(':', '-')}`;
        expect((await createUser(admin, username, [role])).status).toBe(201);
        const token = await platform.token(username, PASSWORD);
        const read = await http(platform.baseUrl, '/api/rest/v2.9/billing/currencies', { token });
        expect(read.status).toBe(200);
        const manage = await http(platform.baseUrl, '/api/identity/users', { token });
        expect(manage.status).toBe(['admin', 'identity:user-admin'].includes(role) ? 200 : 403);
      }
      const observer = await platform.token('role-observer', PASSWORD);
      const denied = await createUser(observer, 'should-not-exist', ['observer']);
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'Your role does not allow this operation' });
    });

    it('does not let a user delete themselves', async () => {
      const me = await http(platform.baseUrl, '/auth/me', { token: admin });
      const users = await http(platform.baseUrl, '/api/identity/users', { token: admin });
      const self = users.body.users.find((u: any) => u.username === me.body.username);
      expect((await http(platform.baseUrl, `/api/identity/users/${self.id}`, { method: 'DELETE', token: admin })).status).toBe(409);
    });
  });

  describe('tenants', () => {
    it('lets only the operator create a tenant, and keeps tenants apart', async () => {
      const created = await http(platform.baseUrl, '/api/identity/tenants', {
        token: admin,
        json: { name: 'acme', admin: { username: 'acme-admin', password: PASSWORD } },
      });
      expect(created.status).toBe(201);
      expect(created.body.tenant).toEqual({ id: expect.any(String), name: 'acme', createdAt: expect.any(String) });
      expect(created.body.admin).toEqual(expect.objectContaining({ username: 'acme-admin', roles: ['admin'] }));

      const acme = await platform.token('acme-admin', PASSWORD);
      expect((await http(platform.baseUrl, '/auth/me', { token: acme })).body.tenant.name).toBe('acme');

      // An admin of another tenant is not the operator.
      const refused = await http(platform.baseUrl, '/api/identity/tenants', {
        token: acme,
        json: { name: 'evil', admin: { username: 'evil-admin', password: PASSWORD } },
      });
      expect(refused.status).toBe(403);

      // Each tenant sees only its own users; the other tenant's user is a 404.
      const acmeUsers = await http(platform.baseUrl, '/api/identity/users', { token: acme });
      expect(acmeUsers.body.users.map((u: any) => u.username)).toEqual(['acme-admin']);
      const defaultUsers = await http(platform.baseUrl, '/api/identity/users', { token: admin });
      expect(defaultUsers.body.users.map((u: any) => u.username)).not.toContain('acme-admin');
      const victim = defaultUsers.body.users.find((u: any) => u.username === 'dupe');
      const crossDelete = await http(platform.baseUrl, `/api/identity/users/${victim.id}`, { method: 'DELETE', token: acme });
      expect(crossDelete.status).toBe(404);
      expect((await http(platform.baseUrl, '/api/identity/users', { token: admin })).body.users.map((u: any) => u.username)).toContain(
        'dupe',
      );
    });

    it('refuses a taken tenant name or admin username with 409 and creates nothing', async () => {
      const takenName = await http(platform.baseUrl, '/api/identity/tenants', {
        token: admin,
        json: { name: 'default', admin: { username: 'someone-new', password: PASSWORD } },
      });
      expect(takenName.status).toBe(409);
      const takenUser = await http(platform.baseUrl, '/api/identity/tenants', {
        token: admin,
        json: { name: 'globex', admin: { username: 'admin', password: PASSWORD } },
      });
      expect(takenUser.status).toBe(409);
      // Atomic: the tenant of the failed request does not exist, so creating it now works.
      const retry = await http(platform.baseUrl, '/api/identity/tenants', {
        token: admin,
        json: { name: 'globex', admin: { username: 'globex-admin', password: PASSWORD } },
      });
      expect(retry.status).toBe(201);
    });
  });

  if (database === 'postgres') {
    it('keeps each service in its own PostgreSQL schema', async () => {
      const rows = await queryPostgres<{ table_schema: string; table_name: string }>(
        platform.databaseUrl!,
        `select table_schema, table_name from information_schema.tables where table_schema in (${SERVICES.map((name) => `'${name}'`).join(',')})`,
      );
      const tables = rows.map((r) => `${r.table_schema}.${r.table_name}`);
      expect(tables).toEqual(expect.arrayContaining(['pricing.currency', 'accounts.app_user', 'accounts.tenant']));
      const [users] = await queryPostgres<{ n: string }>(platform.databaseUrl!, 'select count(*) as n from accounts.app_user');
      expect(Number(users!.n)).toBeGreaterThan(1);
    });
  }
});
