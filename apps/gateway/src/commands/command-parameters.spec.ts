import { Module } from '@nestjs/common';
import { defineMessage } from '@billing/contracts';
import { testGateway } from '../gateway.test-factory.js';
import { commandEndpointController, restCommandsController } from './command-controllers.js';
import { defineCommand, type CommandRow } from './command-row.js';
import { CommandRunner } from './command.runner.js';

/** A stand-in contract: the test gateway's service stand-in echoes whatever reaches it. */
const Echo = defineMessage<Record<string, unknown>, { echo: Record<string, unknown> }>('pricing.test.echo');

const ROWS: readonly CommandRow[] = [
  defineCommand({
    name: 'searchThings',
    cmd: 'test.thing.search',
    rest: { method: 'GET', path: 'things' },
    access: 'read',
    contract: Echo,
    params: {
      customerId: { type: 'integer', required: true, min: 1 },
      from: { type: 'date' },
      amount: { type: 'decimal', maxPlaces: 2 },
      active: { type: 'boolean' },
      kind: { type: 'enum', values: ['A', 'B'] },
      tags: { type: 'array' },
      limit: { type: 'integer', min: 1, max: 100, default: 25 },
    },
    request: (params) => params,
    reply: ({ echo }) => ({ code: 'OK', message: 'Found', echo }),
    summary: 'Search things',
  }),
  defineCommand({
    name: 'renameThing',
    cmd: 'test.thing.rename',
    rest: { method: 'POST', path: 'things/:thingId' },
    access: 'write',
    contract: Echo,
    params: { thingId: { type: 'integer', required: true, min: 1 }, name: { type: 'string', required: true, maxLength: 20 } },
    request: (params) => params,
    reply: ({ echo }) => ({ code: 'OK', message: 'Renamed', echo }),
    summary: 'Rename a thing',
  }),
];

const OPTIONS = { tag: 'Test commands', rows: ROWS, errorType: Object };

@Module({
  controllers: [
    restCommandsController({ restRoot: 'api/test/v1', ...OPTIONS }),
    commandEndpointController({ endpoint: 'api/test/v1/json.php', ...OPTIONS }),
  ],
  providers: [CommandRunner],
})
class TestCommandsModule {}

/** Parameters as a query string or form: lists repeat their name, as PHP clients send them. */
function form(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    for (const item of [value].flat()) params.append(name, String(item));
  }
  return params.toString();
}

describe('command rows with parameters: every form reads them alike', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    gateway = await testGateway({ dialects: [TestCommandsModule] });
    headers = { authorization: `Bearer ${await gateway.token()}` };
  });
  afterAll(() => gateway?.close());

  const search = { customerId: 42, from: '2026-01-31', amount: '19.90', active: true, kind: 'B', tags: ['x', 'y'] };

  it('a read: REST query, cmd query, cmd JSON body and cmd form send the service the same typed request', async () => {
    gateway.calls.length = 0;
    const answers = [
      await gateway.inject({ method: 'GET', url: `/api/test/v1/things?${form(search)}`, headers }),
      await gateway.inject({ method: 'GET', url: `/api/test/v1/json.php?${form({ cmd: 'test.thing.search', ...search })}`, headers }),
      await gateway.inject({ method: 'POST', url: '/api/test/v1/json.php', headers, payload: { cmd: 'test.thing.search', ...search } }),
      await gateway.inject({
        method: 'POST',
        url: '/api/test/v1/json.php',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ cmd: 'test.thing.search', ...search }),
      }),
    ];
    const expected = { customerId: 42, from: '2026-01-31', amount: '19.9', active: true, kind: 'B', tags: ['x', 'y'], limit: 25 };
    for (const answer of answers) {
      expect({ status: answer.statusCode, body: answer.json() }).toEqual({
        status: 200,
        body: { code: 'OK', message: 'Found', echo: expected },
      });
    }
    expect(gateway.calls.map((call) => call.envelope.data)).toEqual([expected, expected, expected, expected]);
  });

  it('a write with a path parameter: the REST body and the cmd forms agree', async () => {
    const rest = await gateway.inject({ method: 'POST', url: '/api/test/v1/things/7', headers, payload: { name: 'seven' } });
    const cmd = await gateway.inject({
      method: 'POST',
      url: '/api/test/v1/json.php',
      headers,
      payload: { cmd: 'test.thing.rename', thingId: '7', name: 'seven' },
    });
    expect(rest.json()).toEqual({ code: 'OK', message: 'Renamed', echo: { thingId: 7, name: 'seven' } });
    expect({ status: cmd.statusCode, body: cmd.json() }).toEqual({ status: rest.statusCode, body: rest.json() });
  });

  it('refuses a bad parameter alike in every form, with 400 and no service call', async () => {
    gateway.calls.length = 0;
    const bad = { ...search, amount: '1.005' };
    const answers = [
      await gateway.inject({ method: 'GET', url: `/api/test/v1/things?${form(bad)}`, headers }),
      await gateway.inject({ method: 'POST', url: '/api/test/v1/json.php', headers, payload: { cmd: 'test.thing.search', ...bad } }),
    ];
    for (const answer of answers) {
      expect({ status: answer.statusCode, message: answer.json().message }).toEqual({
        status: 400,
        message: 'amount must have at most 2 decimal places',
      });
    }
    expect(gateway.calls).toEqual([]);
  });

  it("checks the row's access in the cmd form too: an observer may not run a write", async () => {
    const observer = { authorization: `Bearer ${await gateway.token({ userId: 'user-3', roles: ['observer'] })}` };
    const rest = await gateway.inject({ method: 'POST', url: '/api/test/v1/things/7', headers: observer, payload: { name: 'x' } });
    const cmd = await gateway.inject({
      method: 'POST',
      url: '/api/test/v1/json.php',
      headers: observer,
      payload: { cmd: 'test.thing.rename', thingId: 7, name: 'x' },
    });
    expect(rest.statusCode).toBe(403);
    expect(cmd.statusCode).toBe(403);
  });
});
