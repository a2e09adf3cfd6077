import { parseFilter, parseOrderBy, parsePage } from './call-rate.query.js';

/** Renders a condition without the raw SQL fragments' internals, for comparing structure. */
const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('parseFilter', () => {
  it('binds values by field kind: amounts as 0.00001 units, integers as numbers, strings unquoted', () => {
    expect(shape(parseFilter("price_1 gt 0.05 and free_seconds le 10 and type eq 'it''s'"))).toEqual({
      $and: [{ price_1: { $gt: '5000' } }, { $and: [{ free_seconds: { $lte: 10 } }, { type: { $eq: "it's" } }] }],
    });
  });

  it('gives not a higher precedence than and', () => {
    expect(shape(parseFilter("not type eq 'LOCAL' and prefix eq '1'"))).toEqual({
      $and: [{ $not: { type: { $eq: 'LOCAL' } } }, { prefix: { $eq: '1' } }],
    });
    expect(shape(parseFilter("not (type eq 'LOCAL' and prefix eq '1')"))).toEqual({
      $not: { $and: [{ type: { $eq: 'LOCAL' } }, { prefix: { $eq: '1' } }] },
    });
  });

  it('treats a missing description as different from any value', () => {
    expect(shape(parseFilter("description ne 'x'"))).toEqual({ $or: [{ description: { $ne: 'x' } }, { description: null }] });
    expect(shape(parseFilter('description eq null'))).toEqual({ description: null });
  });

  it.each([
    ['colour eq 1', 'unknown field "colour"'],
    ["prefix eq 'a' and", 'syntax error'],
    ['price_1 eq 0.123456', 'at most 5 decimal places'],
    ['interval_1 eq 1.5', 'whole number'],
    ["free_seconds eq '1'", 'takes a number'],
    ['prefix eq 44', 'quoted string'],
    ['price_1 eq null', 'cannot be compared with null'],
    ["startswith(free_seconds,'1')", 'applies to text fields'],
    ["1 eq prefix", 'expected a field name'],
  ])('refuses %s', (filter, message) => {
    expect(() => parseFilter(filter)).toThrow(message);
  });
});

describe('parseOrderBy and parsePage', () => {
  it('reads fields and directions, ascending by default, ending with the id', () => {
    expect(parseOrderBy('price_1 desc, prefix')).toEqual([{ price_1: 'desc' }, { prefix: 'asc' }, { id: 'asc' }]);
    expect(parseOrderBy(undefined)).toEqual([{ id: 'asc' }]);
    expect(() => parseOrderBy('price_1 down')).toThrow('orderby');
    expect(() => parseOrderBy('secret')).toThrow('unknown field "secret"');
  });

  it('defaults to the first 100 and holds top to 1..100', () => {
    expect(parsePage(undefined, undefined)).toEqual({ offset: 0, limit: 100 });
    expect(parsePage('20', '10')).toEqual({ offset: 20, limit: 10 });
    for (const [skip, top] of [['-1', '1'], ['x', '1'], ['0', '0'], ['0', '101'], ['0', '1.5']]) {
      expect(() => parsePage(skip, top)).toThrow();
    }
  });
});
