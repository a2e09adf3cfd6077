import { EntitySchema, MikroORM, type FilterQuery, type Options, type QueryOrderMap } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Condition, Literal } from './condition.js';
import { toFilterQuery } from './filter-translator.js';
import { odataFilter } from './odata-filter.js';
import { orderBy } from './order-by.js';
import { SAMPLE_SCHEMA as schema, type Sample } from './sample.test-factory.js';
import { searchCondition } from './search.js';

/**
 * Every kind and operator run against real databases: the conditions are only right if both
 * engines answer them alike.
 */
const SampleSchema = new EntitySchema<Sample>({
  name: 'Sample',
  tableName: 'sample',
  properties: {
    id: { type: 'integer', primary: true },
    name: { type: 'string' },
    label: { type: 'string', fieldName: 'label_text', nullable: true },
    count: { type: 'integer' },
    price: { type: 'bigint' },
    rate: { type: 'decimal', precision: 12, scale: 5 },
    active: { type: 'boolean' },
    day: { type: 'date' },
    at: { type: 'datetime' },
    colour: { type: 'string' },
  },
});

const ROWS: Sample[] = [
  {
    id: 1,
    name: "O'Brien",
    label: 'Irish pub (old)',
    count: 1,
    price: '1000',
    rate: '0.1',
    active: true,
    day: '2024-01-01',
    at: new Date('2024-01-01T10:00:00Z'),
    colour: 'red',
  },
  {
    id: 2,
    name: '100%_off',
    label: null,
    count: 2,
    price: '500',
    rate: '0.25',
    active: false,
    day: '2024-02-29',
    at: new Date('2024-02-29T23:59:59.999Z'),
    colour: 'green',
  },
  {
    id: 3,
    name: 'Town',
    label: 'TOWN hall',
    count: -3,
    price: '1234567',
    rate: '12.34567',
    active: true,
    day: '2023-12-31',
    at: new Date('2023-12-31T00:00:00Z'),
    colour: 'blue',
  },
  {
    id: 4,
    name: 'abcabc',
    label: 'abc',
    count: 0,
    price: '0',
    rate: '0',
    active: false,
    day: '2024-06-15',
    at: new Date('2024-06-15T10:00:00Z'),
    colour: 'red',
  },
];

const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Engine {
  orm: MikroORM;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'query-sql-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const orm = await open({ driver: SqliteDriver, dbName: join(dir, 'query.sqlite') }).catch((error: unknown) => {
    remove();
    throw error;
  });
  return { orm, close: async () => (await orm.close(true), remove()) };
}

/** A database of its own on the test server, dropped afterwards. */
async function openPostgres(): Promise<Engine> {
  const name = `query_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const drop = () => admin(`drop database if exists "${name}" with (force)`);
  const orm = await open({ driver: PostgreSqlDriver, clientUrl: url.toString() }).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return { orm, close: async () => (await orm.close(true), await drop()) };
}

async function open(options: Partial<Options>): Promise<MikroORM> {
  const orm = await MikroORM.init({ ...options, entities: [SampleSchema], allowGlobalContext: false, forceUtcTimezone: true });
  try {
    await fill(orm);
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

async function fill(orm: MikroORM): Promise<void> {
  const platform = orm.em.getPlatform();
  await orm.em
    .getConnection()
    .execute(
      `create table "sample" ("id" integer not null primary key, "name" varchar(64) not null, "label_text" varchar(255) null, ` +
        `"count" integer not null, "price" bigint not null, "rate" numeric(12,5) not null, ` +
        `"active" ${platform.getBooleanTypeDeclarationSQL()} not null, "day" date not null, ` +
        `"at" ${platform.getDateTimeTypeDeclarationSQL({ length: 3 })} not null, "colour" varchar(16) not null)`,
    );
  const em = orm.em.fork();
  for (const row of ROWS) em.create(SampleSchema, row);
  await em.flush();
}

const str = (value: string): Literal => ({ type: 'string', value, raw: `'${value}'` });
const num = (value: string): Literal => ({ type: 'number', value, raw: value });

describe.each([
  ['SQLite', openSqlite],
  ['PostgreSQL', openPostgres],
])('conditions on %s', (_engine, openEngine) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const ids = async (where: FilterQuery<Sample>, order: QueryOrderMap<Sample>[] = [{ id: 'asc' }]) =>
    (await engine.orm.em.fork().find(SampleSchema, where, { orderBy: order })).map((row) => row.id);

  it.each([
    ["name eq 'O''Brien'", [1]],
    ["name ne 'Town'", [1, 2, 4]],
    ["name lt 'P'", [1, 2]],
    ["name ge 'Town'", [3, 4]],
    ["startswith(name,'O''B')", [1]],
    ["startswith(name,'100%')", [2]],
    ["endswith(name,'abc')", [4]],
    ["endswith(name,'_off')", [2]],
    ["endswith(name,'x100%_off')", []],
    ["contains(name,'%')", [2]],
    ["contains(name,'_')", [2]],
    ["contains(name,'ca')", [4]],
    ["contains(name,'town')", []],
    ["contains(name,'')", [1, 2, 3, 4]],
    ["contains(note,'')", [1, 3, 4]],
    ["contains(note,'(old)')", [1]],
    ["startswith(note,'TOWN')", [3]],
    ['note eq null', [2]],
    ['note ne null', [1, 3, 4]],
    ["note ne 'abc'", [1, 2, 3]],
    ["note eq 'abc'", [4]],
    ['count eq -3', [3]],
    ['count gt 0', [1, 2]],
    ['count le 0', [3, 4]],
    ['count lt 1 and count ge -3', [3, 4]],
    ['price gt 0.005', [1, 3]],
    ['price eq 0.005', [2]],
    ['price ge 12.34567', [3]],
    ['price le 0', [4]],
    ['rate eq 0.25', [2]],
    ['rate gt 0.1', [2, 3]],
    ['rate ge 12.34567', [3]],
    ['rate lt 0.10001', [1, 4]],
    ['active eq true', [1, 3]],
    ['active ne true', [2, 4]],
    ['day eq 2024-02-29', [2]],
    ['day lt 2024-01-01', [3]],
    ['day ge 2024-01-01', [1, 2, 4]],
    ['at gt 2024-02-29T23:59:59.998Z', [2, 4]],
    ['at le 2024-01-01T12:00:00+02:00', [1, 3]],
    ['at eq 2024-06-15T12:00:00+02:00', [4]],
    ["colour eq 'red'", [1, 4]],
    ["colour ne 'red'", [2, 3]],
    ["not colour eq 'red' and count gt 0", [2]],
    ["not (colour eq 'red' or count gt 0)", [3]],
    ["(colour eq 'red' or colour eq 'blue') and active eq true", [1, 3]],
  ])('filter %s', async (filter, expected) => {
    expect(await ids(odataFilter(schema, filter, 'filter'))).toEqual(expected);
  });

  it('counts with the same conditions it finds with', async () => {
    const where = odataFilter(schema, "startswith(name,'O') or endswith(name,'abc')", 'filter');
    const [rows, count] = await engine.orm.em.fork().findAndCount(SampleSchema, where, { limit: 1, orderBy: { id: 'asc' } });
    expect([rows.map((row) => row.id), count]).toEqual([[1], 2]);
  });

  it('names columns so that updates and deletes, which have no table alias, run the same conditions', async () => {
    const em = engine.orm.em.fork();
    expect(await em.nativeUpdate(SampleSchema, odataFilter(schema, "endswith(note,'(old)')", 'filter'), { count: 1 })).toBe(1);
    expect(await em.nativeDelete(SampleSchema, searchCondition(schema, 'nobody'))).toBe(0);
  });

  it.each<[string, Condition, number[]]>([
    ['strings', { type: 'in', field: 'name', values: [str('Town'), str("O'Brien"), str('nobody')] }, [1, 3]],
    ['integers', { type: 'in', field: 'count', values: [num('-3'), num('2')] }, [2, 3]],
    ['scaled decimals', { type: 'in', field: 'price', values: [num('0.005'), num('12.34567')] }, [2, 3]],
    ['exact decimals', { type: 'in', field: 'rate', values: [num('0.10'), num('0')] }, [1, 4]],
    ['dates', { type: 'in', field: 'day', values: [{ type: 'date', value: '2024-06-15', raw: '2024-06-15' }] }, [4]],
    ['enums', { type: 'in', field: 'colour', values: [str('green'), str('blue')] }, [2, 3]],
  ])('in on %s', async (_kind, condition, expected) => {
    expect(await ids(toFilterQuery(schema, condition, 'where'))).toEqual(expected);
  });

  it('searches the search fields for a substring, ignoring case, with no wildcards', async () => {
    expect(await ids(searchCondition(schema, 'TOWN'))).toEqual([3]);
    expect(await ids(searchCondition(schema, 'abc'))).toEqual([4]);
    expect(await ids(searchCondition(schema, 'PUB'))).toEqual([1]);
    expect(await ids(searchCondition(schema, '%'))).toEqual([2]);
    expect(await ids(searchCondition(schema, '_o'))).toEqual([2]);
    expect(await ids(searchCondition(schema, 'x%'))).toEqual([]);
  });

  it('orders by the properties behind the fields, then by the tie-breaker', async () => {
    expect(await ids({}, orderBy(schema, 'colour desc, note'))).toEqual([1, 4, 2, 3]);
    expect(await ids({}, orderBy(schema, 'active, price desc'))).toEqual([2, 4, 3, 1]);
  });
});
