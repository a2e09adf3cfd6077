import type { Condition, Literal } from './condition.js';
import { toFilterQuery } from './filter-translator.js';
import { odataFilter } from './odata-filter.js';
import { SAMPLE_SCHEMA } from './sample.test-factory.js';

/** A condition without its raw SQL fragments (symbol keys), for comparing structure. */
const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const filter = (text: string) => shape(odataFilter(SAMPLE_SCHEMA, text));
const translate = (condition: Condition) => shape(toFilterQuery(SAMPLE_SCHEMA, condition, 'where'));
const str = (value: string): Literal => ({ type: 'string', value, raw: `'${value}'` });
const num = (value: string): Literal => ({ type: 'number', value, raw: value });

describe('the translator', () => {
  it.each([
    ['eq', '$eq'],
    ['ne', '$ne'],
    ['lt', '$lt'],
    ['le', '$lte'],
    ['gt', '$gt'],
    ['ge', '$gte'],
  ])('turns %s into %s', (operator, orm) => {
    expect(filter(`count ${operator} 7`)).toEqual({ count: { [orm]: 7 } });
  });

  it.each([
    ["name eq 'O''Brien'", { name: { $eq: "O'Brien" } }],
    ["name lt 'b'", { name: { $lt: 'b' } }],
    ['count eq -2147483648', { count: { $eq: -2147483648 } }],
    ['price gt 0.05', { price: { $gt: '5000' } }],
    ['price eq -12.3', { price: { $eq: '-1230000' } }],
    ['price eq 0.00001', { price: { $eq: '1' } }],
    ['price le 92233720368547.75807', { price: { $lte: '9223372036854775807' } }],
    ['rate ge 1.50', { rate: { $gte: '1.5' } }],
    ['rate eq 0.00001', { rate: { $eq: '0.00001' } }],
    ['active eq true', { active: { $eq: true } }],
    ['active ne false', { active: { $ne: false } }],
    ['day lt 2024-02-29', { day: { $lt: '2024-02-29' } }],
    ['at ge 2024-01-01T12:00:00+02:00', { at: { $gte: '2024-01-01T10:00:00.000Z' } }],
    ["colour eq 'red'", { colour: { $eq: 'red' } }],
  ])('binds %s by the field kind', (text, expected) => {
    expect(filter(text)).toEqual(expected);
  });

  it('binds a date-time as a Date, so the driver writes it as its column expects', () => {
    expect((odataFilter(SAMPLE_SCHEMA, 'at eq 2024-01-01T00:00:00Z') as { at: { $eq: unknown } }).at.$eq).toEqual(
      new Date(Date.UTC(2024, 0, 1)),
    );
  });

  it('names the property, not the field or the column', () => {
    expect(filter("note eq 'x'")).toEqual({ label: { $eq: 'x' } });
    expect(filter('note eq null')).toEqual({ label: null });
  });

  it('treats a missing value as different from any value, and compares only nullable fields with null', () => {
    expect(filter("note ne 'x'")).toEqual({ $or: [{ label: { $ne: 'x' } }, { label: null }] });
    expect(filter('note ne null')).toEqual({ label: { $ne: null } });
    expect(filter("name ne 'x'")).toEqual({ name: { $ne: 'x' } });
    expect(() => filter('name eq null')).toThrow('filter: name cannot be compared with null');
    expect(() => filter('note gt null')).toThrow('note cannot be compared with null');
  });

  it('keeps and, or and not as written', () => {
    expect(filter("(name eq 'a' or name eq 'b') and not count eq 1")).toEqual({
      $and: [{ $or: [{ name: { $eq: 'a' } }, { name: { $eq: 'b' } }] }, { $not: { count: { $eq: 1 } } }],
    });
  });

  it('matches the empty text on every value that is there', () => {
    for (const method of ['startswith', 'endswith', 'contains']) expect(filter(`${method}(note,'')`)).toEqual({ label: { $ne: null } });
  });

  it.each([
    ['strings', { type: 'in', field: 'name', values: [str('a'), str("b'c")] }, { name: { $in: ['a', "b'c"] } }],
    ['integers', { type: 'in', field: 'count', values: [num('1'), num('-2')] }, { count: { $in: [1, -2] } }],
    ['scaled decimals', { type: 'in', field: 'price', values: [num('0.01'), num('2')] }, { price: { $in: ['1000', '200000'] } }],
    ['enums', { type: 'in', field: 'colour', values: [str('red')] }, { colour: { $in: ['red'] } }],
  ] satisfies [string, Condition, object][])('binds in on %s', (_kind, condition, expected) => {
    expect(translate(condition)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['nope eq 1', 'filter: unknown field "nope"'],
    ['constructor eq 1', 'unknown field "constructor"'],
    ['__proto__ eq 1', 'unknown field "__proto__"'],
    ["secret eq 'x'", 'filter: field "secret" cannot be filtered on'],
    ["code lt 'x'", 'filter: lt is not allowed on code'],
    ["contains(code,'x')", 'filter: contains is not allowed on code'],
    ["startswith(count,'1')", 'filter: startswith applies to text fields, not count'],
    ["endswith(colour,'d')", 'endswith applies to text fields, not colour'],
    ['contains(name,1)', 'filter: contains takes a field and a quoted string'],
    ['active lt true', 'filter: lt is not allowed on active'],
    ['name eq 1', 'filter: name takes a quoted string, not 1'],
    ['name eq 2024-01-01', 'name takes a quoted string, not 2024-01-01'],
    ["colour eq 'pink'", "filter: colour takes one of red, green, blue, not 'pink'"],
    ["count eq '1'", "filter: count takes a number, not '1'"],
    ['count eq 1.5e3', 'count takes a number, not 1.5e3'],
    ['count eq +1', 'count takes a number, not +1'],
    ['count eq true', 'count takes a number, not true'],
    ['count eq 1.5', 'filter: count takes a whole number, not 1.5'],
    ['count eq 2147483648', 'count takes a whole number from -2147483648 to 2147483647, not 2147483648'],
    ['price eq 0.000001', 'filter: price has at most 5 decimal places'],
    ['rate eq 1.123456', 'rate has at most 5 decimal places'],
    ["price eq '1'", 'price takes a number'],
    ['price eq 92233720368547.75808', 'filter: price is out of range: 92233720368547.75808'],
    ['active eq 1', 'filter: active takes true or false, not 1'],
    ["active eq 'true'", 'active takes true or false'],
    ["day eq '2024-01-01'", 'filter: day takes a date (YYYY-MM-DD)'],
    ['day eq 2024-02-30', 'day takes a date (YYYY-MM-DD), not 2024-02-30'],
    ['day eq 2024-01-01T00:00:00Z', 'day takes a date'],
    ['at eq 2024-01-01', 'filter: at takes a date and time'],
    ['at eq 2023-02-29T00:00:00Z', 'at takes a date and time'],
    ['name eq 01234567-89ab-cdef-0123-456789abcdef', 'name takes a quoted string'],
  ])('refuses %s', (text, message) => {
    expect(() => filter(text)).toThrow(message);
  });

  it.each<[string, Condition, string]>([
    ['an empty list', { type: 'in', field: 'count', values: [] }, 'where: in on count needs at least one value'],
    [
      'null in a list',
      { type: 'in', field: 'note', values: [str('a'), { type: 'null', raw: 'null' }] },
      'note cannot be compared with null',
    ],
    ['a wrong kind in a list', { type: 'in', field: 'count', values: [num('1'), str('2')] }, "count takes a number, not '2'"],
    ['in where the field does not allow it', { type: 'in', field: 'code', values: [str('a')] }, 'in is not allowed on code'],
    [
      'in on booleans',
      { type: 'in', field: 'active', values: [{ type: 'boolean', value: true, raw: 'true' }] },
      'in is not allowed on active',
    ],
  ])('refuses %s', (_case, condition, message) => {
    expect(() => translate(condition)).toThrow(message);
  });

  it('counts comparisons inside not, and, or and in alike', () => {
    const many: Condition = {
      type: 'or',
      conditions: Array.from({ length: 101 }, () => ({ type: 'in', field: 'count', values: [num('1')] })),
    };
    expect(() => translate(many)).toThrow('where: more than the limit of 100 comparisons');
    expect(() => translate({ type: 'not', condition: { ...many, conditions: many.conditions.slice(1) } })).not.toThrow();
  });
});
