import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ParamSpec } from '../commands/command-params.js';
import type { CommandRow } from '../commands/command-row.js';
import { testGateway } from '../gateway.test-factory.js';
import { BILLING_API_COMMANDS } from './billing-api.commands.js';

const REST_ROOT = '/api/rest/v2.9/billing/';

/** What the service stand-in answers every row: each field some row's reply reads, so every payload key is there. */
const ANSWER = {
  id: 12,
  currencies: [{ code: 'USD' }],
  products: [{ code: 'vm-small' }],
  matches: 1,
  prices: [{ currency: 'USD' }],
  pricing: [{ kind: 'BILLING_TERM' }],
  quotations: [{ id: 17 }],
  promocodes: [{ id: 12 }],
  promocode: { code: 'PROMO123' },
  redemption: { id: 31 },
  promotypes: [{ type: 'PERCENTAGE' }],
  servicepromos: [{ id: 14 }],
};

/** A value each parameter accepts. */
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
      return [];
    default:
      return 'text';
  }
}

/** The REST request of a row with a sample value for each parameter. */
function restRequest(row: CommandRow): { method: string; url: string; payload?: Record<string, unknown> } {
  const rest = row.rest!;
  const values = Object.fromEntries(Object.entries(row.params).map(([name, spec]) => [name, sample(spec)]));
  const inPath = new Set([...rest.path.matchAll(/:(\w+)/g)].map((match) => match[1]));
  const path = rest.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name])));
  const others = Object.fromEntries(Object.entries(values).filter(([name]) => !inPath.has(name)));
  if (rest.method === 'GET' || rest.method === 'DELETE') {
    const query = new URLSearchParams(Object.entries(others).map(([name, value]): [string, string] => [name, String(value)])).toString();
    return { method: rest.method, url: `${REST_ROOT}${path}${query ? `?${query}` : ''}` };
  }
  return { method: rest.method, url: `${REST_ROOT}${path}`, payload: others };
}

describe('the Billing API v2.9 OpenAPI answers', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let document: OpenAPIObject;
  let token: string;

  beforeAll(async () => {
    gateway = await testGateway({ answer: () => ANSWER });
    document = SwaggerModule.createDocument(gateway.app, new DocumentBuilder().build());
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  const rows = new Map(BILLING_API_COMMANDS.filter((row) => row.rest).map((row) => [row.name, row]));

  function operations() {
    return Object.entries(document.paths)
      .filter(([path]) => path.startsWith(REST_ROOT))
      .flatMap(([path, methods]) =>
        Object.entries(methods as Record<string, any>).map(([method, operation]) => {
          const ref: string = operation.responses['200'].content['application/json'].schema.$ref;
          const schemaName = ref.split('/').pop()!;
          return {
            where: `${method.toUpperCase()} ${path}`,
            operation,
            schemaName,
            schema: document.components!.schemas![schemaName] as any,
          };
        }),
      );
  }

  it('documents every row with a REST form, and only those', () => {
    expect(
      operations()
        .map(({ operation }) => operation.operationId as string)
        .sort(),
    ).toEqual([...rows.keys()].sort());
  });

  it("gives each operation its own answer's message as the example, and the answer's keys in order", async () => {
    const headers = { authorization: `Bearer ${token}` };
    for (const { where, operation, schema } of operations()) {
      const row = rows.get(operation.operationId)!;
      const res = await gateway.inject({ ...restRequest(row), headers });
      const body = res.json();
      expect({ where, status: res.statusCode }).toEqual({ where, status: 200 });
      expect({ where, code: schema.properties.code.example, message: schema.properties.message.example }).toEqual({
        where,
        code: body.code,
        message: body.message,
      });
      expect({ where, keys: Object.keys(body) }).toEqual({ where, keys: Object.keys(schema.properties) });
    }
  });

  it("names for every row, the cmd-only ones too, a schema whose message example is the row's answer", () => {
    const schemas = document.components!.schemas! as Record<string, any>;
    const answered = new Map<string, string>();
    for (const row of BILLING_API_COMMANDS) {
      const message = (row.reply(ANSWER as never) as { message: string }).message;
      const schemaName = row.responseType?.name;
      expect({ row: row.name, example: schemas[schemaName ?? '']?.properties.message.example }).toEqual({
        row: row.name,
        example: message,
      });
      // A schema shared by two rows would show one of them the other's message.
      expect({ schemaName, message: answered.get(schemaName!) ?? message }).toEqual({ schemaName, message });
      answered.set(schemaName!, message);
    }
    expect(Object.keys(schemas['CurrenciesResponseDto'].properties)).toEqual(['code', 'message', 'currencies']);
  });
});
