import { orderBy } from './order-by.js';
import { SAMPLE_SCHEMA } from './sample.test-factory.js';

describe('orderBy', () => {
  it('reads fields and directions, ascending by default, as properties, ending with the tie-breaker', () => {
    expect(orderBy(SAMPLE_SCHEMA, 'price desc, name')).toEqual([{ price: 'desc' }, { name: 'asc' }, { id: 'asc' }]);
    expect(orderBy(SAMPLE_SCHEMA, ' note DESC ,colour Asc,')).toEqual([{ label: 'desc' }, { colour: 'asc' }, { id: 'asc' }]);
    expect(orderBy(SAMPLE_SCHEMA, undefined)).toEqual([{ id: 'asc' }]);
    expect(orderBy(SAMPLE_SCHEMA, '')).toEqual([{ id: 'asc' }]);
  });

  it('does not add the tie-breaker a second time', () => {
    expect(orderBy(SAMPLE_SCHEMA, 'id desc, name')).toEqual([{ id: 'desc' }, { name: 'asc' }]);
  });

  it.each([
    ['price down', 'orderby: cannot read "price down"'],
    ['price;drop', 'orderby: cannot read "price;drop"'],
    ['nope', 'orderby: unknown field "nope"'],
    ['constructor', 'unknown field "constructor"'],
    ['secret desc', 'orderby: field "secret" cannot be sorted on'],
  ])('refuses %s', (text, message) => {
    expect(() => orderBy(SAMPLE_SCHEMA, text)).toThrow(message);
  });

  it('refuses more keys than the limit, and a text longer than the limit', () => {
    expect(orderBy(SAMPLE_SCHEMA, Array(10).fill('name').join(','))).toHaveLength(11);
    expect(() => orderBy(SAMPLE_SCHEMA, Array(11).fill('name').join(','))).toThrow('orderby: more than the limit of 10 keys');
    expect(() => orderBy(SAMPLE_SCHEMA, `name${' '.repeat(2000)}`)).toThrow('orderby: longer than the limit of 2000 characters');
  });

  it('names the parameter the client wrote', () => {
    expect(() => orderBy(SAMPLE_SCHEMA, 'nope', '$orderby')).toThrow('$orderby: unknown field "nope"');
  });
});
