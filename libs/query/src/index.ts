export {
  defineSchema,
  invalidQuery,
  DEFAULT_LIMITS,
  COMPARISON_OPERATORS,
  TEXT_OPERATORS,
  type ComparisonOperator,
  type TextOperator,
  type Operator,
  type FieldDefinition,
  type FieldKind,
  type QueryField,
  type QueryLimits,
  type QuerySchema,
  type SchemaDefinition,
} from './query-schema.js';
export type { Condition, Literal } from './condition.js';
export { toFilterQuery } from './filter-translator.js';
export { checkLength, checkNesting } from './query-limits.js';
export { odataFilter, parseODataFilter } from './odata-filter.js';
export { orderBy } from './order-by.js';
export { searchCondition } from './search.js';
