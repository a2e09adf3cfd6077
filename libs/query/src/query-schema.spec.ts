import { DEFAULT_LIMITS, defineSchema, type FieldDefinition } from './query-schema.js';

const define = (fields: Record<string, FieldDefinition>, extra: { search?: string[]; limits?: object } = {}) =>
  defineSchema({ fields: { id: { kind: 'integer' }, ...fields }, tieBreaker: 'id', ...extra });

describe('defineSchema', () => {
  it('fills in the defaults: property and column from the name, filterable, sortable, not nullable, every operator of the kind', () => {
    const schema = define({ name: { kind: 'string' }, flag: { kind: 'boolean' }, colour: { kind: 'enum', values: ['red'] } });
    const name = schema.fields.get('name')!;
    expect(name).toMatchObject({ name: 'name', property: 'name', column: 'name', nullable: false, sortable: true, filterable: true });
    expect([...name.operators]).toEqual(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'startswith', 'endswith', 'contains', 'in']);
    expect([...schema.fields.get('id')!.operators]).toEqual(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in']);
    expect([...schema.fields.get('flag')!.operators]).toEqual(['eq', 'ne']);
    expect([...schema.fields.get('colour')!.operators]).toEqual(['eq', 'ne', 'in']);
    expect(schema.limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({ maxLength: 2000, maxDepth: 32, maxComparisons: 100, maxOrderKeys: 10 });
  });

  it('keeps a property and a column of their own, and limits given in part', () => {
    const schema = define({ note: { kind: 'string', property: 'label', column: 'label_text' } }, { limits: { maxDepth: 4 } });
    expect(schema.fields.get('note')).toMatchObject({ property: 'label', column: 'label_text' });
    expect(schema.limits).toEqual({ ...DEFAULT_LIMITS, maxDepth: 4 });
  });

  it.each<[string, () => unknown, string]>([
    [
      'a column that is no plain identifier',
      () => define({ x: { kind: 'string', column: 'x"; drop table y; --' } }),
      'plain SQL identifier',
    ],
    [
      'an operator the kind has not',
      () => define({ x: { kind: 'boolean', operators: ['eq', 'lt'] } }),
      'boolean field "x" cannot allow lt',
    ],
    ['a text operator on numbers', () => define({ x: { kind: 'integer', operators: ['contains'] } }), 'cannot allow contains'],
    ['a decimal without a usable scale', () => define({ x: { kind: 'decimal', scale: 2.5, storage: 'exact' } }), 'scale from 0 to 30'],
    ['an enum without values', () => define({ x: { kind: 'enum', values: [] } }), 'has no values'],
    ['a search field that is not text', () => define({}, { search: ['id'] }), 'search field "id" must be a string field'],
    ['an unknown search field', () => define({}, { search: ['nope'] }), 'search field "nope"'],
    ['a zero limit', () => define({}, { limits: { maxLength: 0 } }), 'limit maxLength'],
    ['an unknown tie-breaker', () => defineSchema({ fields: {}, tieBreaker: 'id' }), 'tie-breaker "id"'],
    [
      'an unsortable tie-breaker',
      () => defineSchema({ fields: { id: { kind: 'integer', sortable: false } }, tieBreaker: 'id' }),
      'tie-breaker',
    ],
  ])('refuses %s when the schema is declared', (_case, declare, message) => {
    expect(declare).toThrow(message);
  });
});
