import { odataFilter, parseODataFilter } from './odata-filter.js';
import { DEFAULT_LIMITS, defineSchema } from './query-schema.js';
import { SAMPLE_SCHEMA } from './sample.test-factory.js';

const parse = (text: string) => parseODataFilter(text, DEFAULT_LIMITS);
/** A condition without its raw SQL fragments (symbol keys), for comparing structure. */
const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const filter = (text: string) => shape(odataFilter(SAMPLE_SCHEMA, text));

describe('the OData front end', () => {
  it('reads comparisons into the condition tree, literals as written', () => {
    expect(parse("name eq 'O''Brien' and count ge -3")).toEqual({
      type: 'and',
      conditions: [
        { type: 'compare', field: 'name', operator: 'eq', value: { type: 'string', value: "O'Brien", raw: "'O''Brien'" } },
        { type: 'compare', field: 'count', operator: 'ge', value: { type: 'number', value: '-3', raw: '-3' } },
      ],
    });
  });

  it.each([
    ['eq', 'eq'],
    ['ne', 'ne'],
    ['lt', 'lt'],
    ['le', 'le'],
    ['gt', 'gt'],
    ['ge', 'ge'],
  ])('reads the %s operator', (written, operator) => {
    expect(parse(`count ${written} 1`)).toMatchObject({ type: 'compare', field: 'count', operator });
  });

  it.each([
    ["'it''s'", { type: 'string', value: "it's" }],
    ["''", { type: 'string', value: '' }],
    ["'(('", { type: 'string', value: '((' }],
    ['0.00001', { type: 'number', value: '0.00001' }],
    ['1.5e3', { type: 'number', value: '1.5e3' }],
    ['true', { type: 'boolean', value: true }],
    ['false', { type: 'boolean', value: false }],
    ['2024-02-29', { type: 'date', value: '2024-02-29' }],
    ['2024-02-29T10:00:00+02:00', { type: 'datetime', value: '2024-02-29T10:00:00+02:00' }],
    ['null', { type: 'null' }],
    ['01234567-89ab-cdef-0123-456789abcdef', { type: 'other' }],
  ])('reads the literal %s', (literal, value) => {
    expect(parse(`name eq ${literal}`)).toMatchObject({ value: { ...value, raw: literal } });
  });

  it('reads startswith, endswith and contains as comparisons', () => {
    for (const method of ['startswith', 'endswith', 'contains']) {
      expect(parse(`${method}(name,'x')`)).toEqual({
        type: 'compare',
        field: 'name',
        operator: method,
        value: { type: 'string', value: 'x', raw: "'x'" },
      });
    }
  });

  it('gives not a higher precedence than and', () => {
    expect(parse("not name eq 'a' and count eq 1")).toEqual({
      type: 'and',
      conditions: [{ type: 'not', condition: expect.objectContaining({ field: 'name' }) }, expect.objectContaining({ field: 'count' })],
    });
    expect(parse("not (name eq 'a' and count eq 1)")).toEqual({
      type: 'not',
      condition: { type: 'and', conditions: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'count' })] },
    });
    expect(filter("not name eq 'a' or count eq 1")).toEqual({ $or: [{ $not: { name: { $eq: 'a' } } }, { count: { $eq: 1 } }] });
  });

  it.each([
    ["name eq 'a' and", 'filter: syntax error at position'],
    ['', 'filter: syntax error'],
    ["name eq 'a' or (count eq 1", 'syntax error'],
    ['1 eq name', 'filter: expected a field name, found "1"'],
    ["tolower(name) eq 'x'", 'expected a field name'],
    ['name eq count', 'filter: compare name with a literal value, not "count"'],
    ["substringof('x', name)", 'filter: unsupported expression "substringof(\'x\', name)"'],
    ['geo.intersects(name,count)', 'filter: unsupported function "geo.intersects"'],
    ['startswith(name, count)', 'filter: startswith takes a field and a quoted string'],
    ["startswith('x', name)", 'expected a field name'],
    ["name has 'x'", 'filter: unsupported expression'],
    ['count add 1 eq 2', 'expected a field name'],
  ])('refuses %s', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('names the parameter the client wrote in every message', () => {
    expect(() => odataFilter(SAMPLE_SCHEMA, 'colour eq 1', '$filter')).toThrow('$filter: colour takes one of red, green, blue, not 1');
    try {
      odataFilter(SAMPLE_SCHEMA, 'nope eq 1', '$filter');
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { parameter: '$filter' } });
    }
    expect.assertions(2);
  });
});

describe('limits, checked before the parser runs', () => {
  const roomy = defineSchema({ fields: { id: { kind: 'integer' } }, tieBreaker: 'id', limits: { maxLength: 10_000 } });

  it('refuses a filter longer than the limit, by its length alone', () => {
    expect(() => parse('('.repeat(5000))).toThrow('filter: longer than the limit of 2000 characters');
    expect(() => parse(`id eq ${'1'.repeat(1995)}`)).toThrow('longer than the limit of 2000');
    expect(() => parse(`name eq '${'x'.repeat(1990)}'`)).not.toThrow();
  });

  // Unbalanced, so the parser would call it a syntax error: naming the limit shows it never ran.
  it('refuses nesting deeper than the limit before parsing', () => {
    expect(() => odataFilter(roomy, '('.repeat(5000))).toThrow('filter: nested deeper than the limit of 32 parentheses');
    expect(() => parse(`${'('.repeat(33)}id eq 1${')'.repeat(33)}`)).toThrow('nested deeper than the limit of 32');
    expect(() => parse(`${'('.repeat(32)}count eq 1${')'.repeat(32)}`)).not.toThrow();
  });

  it('does not count parentheses inside quoted strings, quotes doubled or not', () => {
    expect(() => parse(`name eq '${'('.repeat(40)}' and name ne 'O''Brien(((('`)).not.toThrow();
    expect(() => parse(`name eq 'it''s' and ${'('.repeat(33)}count eq 1${')'.repeat(33)}`)).toThrow('nested deeper');
  });

  it('refuses more "not" in a row than the nesting limit, with or without parentheses between them', () => {
    expect(() => parse(`${'not '.repeat(32)}count eq 1`)).not.toThrow();
    expect(() => parse(`${'not '.repeat(33)}count eq 1`)).toThrow('filter: more than the limit of 32 "not" in a row');
    expect(() => parse(`${'not ('.repeat(20)}${'not '.repeat(13)}count eq 1${')'.repeat(20)}`)).toThrow('"not" in a row');
    expect(() => parse(Array.from({ length: 40 }, (_, i) => `not count eq ${i}`).join(' and '))).not.toThrow();
  });

  it('refuses more comparisons than the limit', () => {
    const comparisons = (n: number) => Array.from({ length: n }, (_, i) => `count eq ${i}`).join(' or ');
    expect(() => odataFilter(SAMPLE_SCHEMA, comparisons(100))).not.toThrow();
    expect(() => odataFilter(SAMPLE_SCHEMA, comparisons(101))).toThrow('filter: more than the limit of 100 comparisons');
  });
});
