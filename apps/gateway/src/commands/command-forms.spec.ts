import { BILLING_API_COMMANDS } from '../billing-api/billing-api.commands.js';
import { testGateway } from '../gateway.test-factory.js';
import type { ParamSpec } from './command-params.js';
import type { CommandRow } from './command-row.js';

/** A value each parameter kind accepts, used to call both forms with the same input. */
function sample(spec: ParamSpec): unknown {
  if (spec.example !== undefined) return spec.example;
  switch (spec.type) {
    case 'integer':
      return spec.min ?? 1;
    case 'decimal':
      return '1.50';
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-31';
    case 'enum':
      return spec.values[0];
    case 'object':
      return { a: 1 };
    case 'array':
      return [1];
    default:
      return 'text';
  }
}

const both = BILLING_API_COMMANDS.filter((row) => row.cmd && row.rest);

describe('a command row answers alike in its REST and cmd forms', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let token: string;

  beforeAll(async () => {
    gateway = await testGateway();
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  const params = (row: CommandRow) => Object.fromEntries(Object.entries(row.params).map(([name, spec]) => [name, sample(spec)]));

  function restRequest(row: CommandRow, values: Record<string, unknown>) {
    const rest = row.rest!;
    const path = rest.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name])));
    const inPath = new Set([...rest.path.matchAll(/:(\w+)/g)].map((m) => m[1]));
    const rest_ = Object.fromEntries(Object.entries(values).filter(([name]) => !inPath.has(name)));
    const url = `/api/rest/v2.9/billing/${path}`;
    if (rest.method === 'GET' || rest.method === 'DELETE') {
      const query = new URLSearchParams(Object.entries(rest_).map(([k, v]): [string, string] => [k, String(v)])).toString();
      return { method: rest.method, url: query ? `${url}?${query}` : url };
    }
    return { method: rest.method, url, payload: rest_ };
  }

  it.each(both.map((row) => [row.cmd!, row] as const))('%s', async (_cmd, row) => {
    const values = params(row);
    const headers = { authorization: `Bearer ${token}` };
    gateway.calls.length = 0;
    const rest = await gateway.inject({ ...restRequest(row, values), headers });
    const byBody = await gateway.inject({ method: 'POST', url: '/api/rest/v2.9/json.php', headers, payload: { cmd: row.cmd, ...values } });
    const form = new URLSearchParams(Object.entries({ cmd: row.cmd!, ...values }).map(([k, v]): [string, string] => [k, String(v)]));
    // A list or an object travels only in a JSON body: a query string has no shape for it.
    const structured = Object.values(row.params).some((spec) => spec.type === 'object' || spec.type === 'array');
    const byQuery = structured ? [] : [await gateway.inject({ method: 'GET', url: `/api/rest/v2.9/json.php?${form}`, headers })];
    expect(rest.statusCode).toBeLessThan(300);
    for (const other of [byBody, ...byQuery]) {
      expect({ status: other.statusCode, body: other.json() }).toEqual({ status: rest.statusCode, body: rest.json() });
    }
    // And both reached the service with the same contract request.
    const [first, ...others] = gateway.calls;
    for (const call of others) expect(call).toEqual({ ...first, envelope: { ...first!.envelope, caller: expect.anything() } });
  });

  it('takes a form-encoded POST, as PHP clients send it', async () => {
    const res = await gateway.inject({
      method: 'POST',
      url: '/api/rest/v2.9/json.php',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'cmd=billing.currency.get',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'OK', message: 'Currencies Retrieved Successfully' });
  });

  it('checks each command role, and rejects bad parameters with 400 FAULT before any service call', async () => {
    const observer = await gateway.token({ userId: 'user-2', roles: ['billing:observer'] });
    const res = await gateway.inject({
      method: 'GET',
      url: '/api/rest/v2.9/json.php?cmd=nope',
      headers: { authorization: `Bearer ${observer}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'FAULT', message: 'Unknown cmd "nope"' });
  });
});
