import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

/** Polls until the answer is 401, for at most `seconds`: "within seconds", not eventually. */
async function becomesUnauthorized(baseUrl: string, token: string, seconds = 3): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    if ((await http(baseUrl, '/auth/me', { token })).status === 401) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the token still worked ${seconds} s later`);
}

describe.each(DATABASES)('withdrawn credentials stop working on every gateway replica (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let secondGateway: string;

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    secondGateway = await platform.addGateway();
  });
  afterAll(() => platform?.stop());

  const newUser = async (username: string) => {
    const created = await http(platform.baseUrl, '/api/identity/users', {
      token: admin,
      json: { username, password: PASSWORD, roles: ['billing:observer'] },
    });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, token: await platform.token(username, PASSWORD) };
  };

  it("a deleted user's token is refused by both replicas within seconds", async () => {
    const user = await newUser('soon-gone');
    for (const baseUrl of [platform.baseUrl, secondGateway])
      expect((await http(baseUrl, '/auth/me', { token: user.token })).status).toBe(200);
    expect((await http(platform.baseUrl, `/api/identity/users/${user.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    for (const baseUrl of [platform.baseUrl, secondGateway]) {
      await becomesUnauthorized(baseUrl, user.token);
      const res = await http(baseUrl, '/api/rest/v2.9/billing/currencies', { token: user.token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'FAULT', message: 'Access token revoked' });
    }
  });

  it('a logout on one replica ends every token of that user on the other, and a new sign-in works', async () => {
    const user = await newUser('signs-out');
    const other = await platform.token('signs-out', PASSWORD);
    expect((await http(secondGateway, '/auth/me', { token: other })).status).toBe(200);
    expect((await http(platform.baseUrl, '/auth/logout', { method: 'POST', token: user.token })).status).toBe(204);
    await becomesUnauthorized(secondGateway, other);
    await becomesUnauthorized(platform.baseUrl, user.token);
    const fresh = await platform.token('signs-out', PASSWORD);
    expect((await http(secondGateway, '/auth/me', { token: fresh })).status).toBe(200);
    // Other users are untouched.
    expect((await http(secondGateway, '/auth/me', { token: admin })).status).toBe(200);
  });

  it("a disabled user's tokens stop on both replicas and it cannot sign in; enabled, it signs in again", async () => {
    const user = await newUser('paused');
    expect((await http(secondGateway, '/auth/me', { token: user.token })).status).toBe(200);
    expect((await http(platform.baseUrl, `/api/identity/users/${user.id}/disable`, { method: 'POST', token: admin })).status).toBe(204);
    for (const baseUrl of [platform.baseUrl, secondGateway]) await becomesUnauthorized(baseUrl, user.token);
    const refused = await http(platform.baseUrl, '/auth/token', { json: { username: 'paused', password: PASSWORD } });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('Invalid username or password');
    // Its data stays: it is still listed.
    const users = await http(platform.baseUrl, '/api/identity/users', { token: admin });
    expect(users.body.users.map((u: { id: string }) => u.id)).toContain(user.id);
    expect((await http(platform.baseUrl, `/api/identity/users/${user.id}/enable`, { method: 'POST', token: admin })).status).toBe(204);
    const again = await platform.token('paused', PASSWORD);
    expect((await http(secondGateway, '/auth/me', { token: again })).status).toBe(200);
  });

  it('nobody disables their own user, and an observer disables nobody', async () => {
    const me = await http(platform.baseUrl, '/auth/me', { token: admin });
    const users = await http(platform.baseUrl, '/api/identity/users', { token: admin });
    const self = users.body.users.find((u: { username: string }) => u.username === me.body.username);
    expect((await http(platform.baseUrl, `/api/identity/users/${self.id}/disable`, { method: 'POST', token: admin })).status).toBe(409);
    const observer = await newUser('just-looking');
    const target = await newUser('target');
    expect(
      (await http(platform.baseUrl, `/api/identity/users/${target.id}/disable`, { method: 'POST', token: observer.token })).status,
    ).toBe(403);
  });
});
