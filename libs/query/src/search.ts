import type { FilterQuery } from '@mikro-orm/core';
import { checkLength } from './query-limits.js';
import { invalidQuery, type QuerySchema } from './query-schema.js';
import { containsText } from './text-match.js';

/** `search`: rows where any of the schema's search fields contains the term, ignoring case. */
export function searchCondition<E extends object>(schema: QuerySchema<E>, term: string, parameter = 'search'): FilterQuery<E> {
  checkLength(term, schema.limits, parameter);
  if (schema.search.length === 0) throw invalidQuery(parameter, 'this list cannot be searched');
  if (term === '') return {} as FilterQuery<E>;
  return { $or: schema.search.map((field) => containsText(field.column, term, true)) } as FilterQuery<E>;
}
