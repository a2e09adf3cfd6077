import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];

describe.each(DATABASES)('hostile filters cannot stall rating or crash the list (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;

  beforeAll(async () => {
    platform = await startPlatform({ database, env: { RPC_TIMEOUT_MS: '2000' } });
    admin = await platform.token('admin', platform.adminPassword);
    expect((await http(platform.baseUrl, '/api/call_rates', { token: admin, json: UK_RATE })).status).toBe(200);
  });
  afterAll(() => platform?.stop());

  const list = (filter: string) => http(platform.baseUrl, `/api/call_rates?filter=${encodeURIComponent(filter)}`, { token: admin });

  it('refuses deep nesting, long filters and piled-up nots at once with 400, while rating keeps answering', async () => {
    const hostile = [
      '('.repeat(2500) + "type eq 'MOBILE'" + ')'.repeat(2500),
      `${'not '.repeat(400)}(type eq 'MOBILE')`,
      "prefix eq '1' or ".repeat(200) + "prefix eq '1'",
    ];
    const started = Date.now();
    const answers = await Promise.all([...hostile, ...hostile].map(list));
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/filter/) });
    }
    const rated = await http(platform.baseUrl, '/api/calls/rate', { token: admin, json: { number: '+44 20 7946 0000', duration: 61 } });
    expect(rated.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000); // well inside the RPC deadline: no 504 for anyone
  });

  it('answers 400 unknown field for names that exist on every JavaScript object', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const res = await list(`${name} eq 'x'`);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.body.message).toMatch(/unknown field|filter/);
      const ordered = await http(platform.baseUrl, `/api/call_rates?orderby=${name}`, { token: admin });
      expect({ name, status: ordered.status }).toEqual({ name, status: 400 });
    }
  });
});
