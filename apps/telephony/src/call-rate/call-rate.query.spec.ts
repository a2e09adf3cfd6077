import { parseFilter, parseOrderBy } from './call-rate.query.js';

// The language itself (not's precedence, syntax errors, limits, every kind) is proven in libs/query.

/** Renders a condition without the raw SQL fragments' internals, for comparing structure. */
const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('parseFilter', () => {
  it('binds values by field kind: amounts as 0.00001 units, integers as numbers, strings unquoted', () => {
    expect(shape(parseFilter("price_1 gt 0.05 and free_seconds le 10 and type eq 'it''s'"))).toEqual({
      $and: [{ price_1: { $gt: '5000' } }, { $and: [{ free_seconds: { $lte: 10 } }, { type: { $eq: "it's" } }] }],
    });
  });

  it('knows every amount and every whole-number field of document 004', () => {
    for (const field of ['connect_fee', 'postcall_surcharge', 'price_1', 'price_n']) {
      expect(shape(parseFilter(`${field} eq 1.5`))).toEqual({ [field]: { $eq: '150000' } });
    }
    for (const field of ['free_seconds', 'grace_period', 'interval_1', 'interval_n']) {
      expect(shape(parseFilter(`${field} eq 3`))).toEqual({ [field]: { $eq: 3 } });
    }
  });

  it('treats a missing description as different from any value', () => {
    expect(shape(parseFilter("description ne 'x'"))).toEqual({ $or: [{ description: { $ne: 'x' } }, { description: null }] });
    expect(shape(parseFilter('description eq null'))).toEqual({ description: null });
  });

  it.each([
    ['colour eq 1', 'unknown field "colour"'],
    ['price_1 eq 0.123456', 'at most 5 decimal places'],
    ['interval_1 eq 1.5', 'whole number'],
    ["free_seconds eq '1'", 'takes a number'],
    ['prefix eq 44', 'quoted string'],
    ['price_1 eq null', 'cannot be compared with null'],
    ["startswith(free_seconds,'1')", 'applies to text fields'],
    ["id eq 'x'", 'field "id" cannot be filtered on'],
  ])('refuses %s', (filter, message) => {
    expect(() => parseFilter(filter)).toThrow(message);
  });

  it('refuses a filter over the length limit without parsing it', () => {
    expect(() => parseFilter('('.repeat(5000))).toThrow('filter: longer than the limit of 2000 characters');
  });
});

describe('parseOrderBy', () => {
  it('reads fields and directions, ascending by default, ending with the id', () => {
    expect(parseOrderBy('price_1 desc, prefix')).toEqual([{ price_1: 'desc' }, { prefix: 'asc' }, { id: 'asc' }]);
    expect(parseOrderBy(undefined)).toEqual([{ id: 'asc' }]);
    expect(parseOrderBy('id desc')).toEqual([{ id: 'desc' }]);
    expect(() => parseOrderBy('price_1 down')).toThrow('orderby');
    expect(() => parseOrderBy('secret')).toThrow('unknown field "secret"');
  });
});
