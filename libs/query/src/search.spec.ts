import { defineSchema } from './query-schema.js';
import { SAMPLE_SCHEMA } from './sample.test-factory.js';
import { searchCondition } from './search.js';

// What a search finds is proven on both engines in sql-engines.spec.ts.
describe('searchCondition', () => {
  it('looks in every search field', () => {
    const condition = searchCondition(SAMPLE_SCHEMA, 'x') as { $or: object[] };
    expect(condition.$or).toHaveLength(2);
  });

  it('adds no condition for an empty term', () => {
    expect(searchCondition(SAMPLE_SCHEMA, '')).toEqual({});
  });

  it('refuses a term longer than the limit', () => {
    expect(() => searchCondition(SAMPLE_SCHEMA, 'x'.repeat(2001))).toThrow('search: longer than the limit of 2000 characters');
    expect(() => searchCondition(SAMPLE_SCHEMA, 'x'.repeat(2000))).not.toThrow();
  });

  it('refuses a search where the schema names no search fields', () => {
    const unsearchable = defineSchema({ fields: { id: { kind: 'integer' } }, tieBreaker: 'id' });
    expect(() => searchCondition(unsearchable, 'x', 'q')).toThrow('q: this list cannot be searched');
  });
});
