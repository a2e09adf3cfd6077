import type { QueryOrderMap } from '@mikro-orm/core';
import { checkLength } from './query-limits.js';
import { invalidQuery, sortField, type QuerySchema } from './query-schema.js';

/**
 * `orderby`: "field [asc|desc], …", ascending by default, checked against the schema's sortable
 * fields. The tie-breaker ends every ordering (unless already in it) so that pages are stable.
 */
export function orderBy<E extends object>(schema: QuerySchema<E>, text: string | undefined, parameter = 'orderby'): QueryOrderMap<E>[] {
  const source = text ?? '';
  checkLength(source, schema.limits, parameter);
  const items = source.split(',').filter((part) => part.trim() !== '');
  if (items.length > schema.limits.maxOrderKeys) throw invalidQuery(parameter, `more than the limit of ${schema.limits.maxOrderKeys} keys`);
  const order = items.map((item) => {
    const match = /^\s*([A-Za-z_0-9]+)(?:\s+(asc|desc))?\s*$/i.exec(item);
    if (!match) throw invalidQuery(parameter, `cannot read "${item.trim()}"`);
    return { property: sortField(schema, match[1]!, parameter).property, direction: (match[2] ?? 'asc').toLowerCase() };
  });
  const tieBreaker = schema.tieBreaker.property;
  if (!order.some(({ property }) => property === tieBreaker)) order.push({ property: tieBreaker, direction: 'asc' });
  return order.map(({ property, direction }) => ({ [property]: direction }) as QueryOrderMap<E>);
}
