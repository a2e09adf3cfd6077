import { startPlatform, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

describe('one request id on every log line of a request, on every app', () => {
  let platform: RunningPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startPlatform({ database: 'sqlite', env: { LOG_LEVEL: 'debug' } });
    token = await platform.token('admin', platform.adminPassword);
  });
  afterAll(() => platform?.stop());

  it('follows a request from the gateway into each service it reaches', async () => {
    const calls: Array<[string, string]> = [
      ['trace-pricing-1', '/api/rest/v2.9/billing/currencies'],
      ['trace-accounts-1', '/api/v01/customers'],
      ['trace-telephony-1', '/api/call_rates'],
    ];
    for (const [id, path] of calls) {
      expect((await http(platform.baseUrl, path, { token, headers: { 'x-request-id': id } })).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = platform
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => ({ line, json: JSON.parse(line) as Record<string, unknown> }));
    for (const [id, , app] of calls.map(([id, path]) => [id, path, id.split('-')[1]] as const)) {
      const mine = lines.filter(({ line }) => line.includes(id));
      // Each line names the id once, as its requestId field.
      for (const { line, json } of mine) {
        expect(line.split('"requestId"').length - 1).toBe(1);
        expect(json['requestId']).toBe(id);
      }
      expect(mine.map(({ json }) => json)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ app: 'gateway', msg: 'request completed', requestId: id, tenant: 'default' }),
          expect.objectContaining({ app, msg: 'message handled', requestId: id, tenant: 'default', outcome: 'answered' }),
        ]),
      );
    }
  });
});
