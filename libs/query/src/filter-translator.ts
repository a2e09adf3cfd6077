import type { FilterQuery } from '@mikro-orm/core';
import type { Condition, Literal } from './condition.js';
import { bindLiteral } from './literal-binding.js';
import {
  filterField,
  invalidQuery,
  TEXT_OPERATORS,
  type ComparisonOperator,
  type Operator,
  type QueryField,
  type QuerySchema,
  type TextOperator,
} from './query-schema.js';
import { textMatch } from './text-match.js';

type Where = Record<string, unknown>;

const ORM_OPERATORS: Record<ComparisonOperator, string> = { eq: '$eq', ne: '$ne', lt: '$lt', le: '$lte', gt: '$gt', ge: '$gte' };

/**
 * The one translator every front end shares: checks a condition tree against the schema (fields,
 * operators, literal kinds, limits) and turns it into a MikroORM condition whose values are all
 * bound parameters. Messages start with `parameter`, the query parameter the client wrote.
 */
export function toFilterQuery<E extends object>(schema: QuerySchema<E>, condition: Condition, parameter: string): FilterQuery<E> {
  if (countComparisons(condition) > schema.limits.maxComparisons) {
    throw invalidQuery(parameter, `more than the limit of ${schema.limits.maxComparisons} comparisons`);
  }
  return translate(schema, condition, parameter) as FilterQuery<E>;
}

function countComparisons(condition: Condition): number {
  switch (condition.type) {
    case 'and':
    case 'or':
      return condition.conditions.reduce((sum, inner) => sum + countComparisons(inner), 0);
    case 'not':
      return countComparisons(condition.condition);
    default:
      return 1;
  }
}

function translate(schema: QuerySchema<object>, condition: Condition, parameter: string): Where {
  switch (condition.type) {
    case 'and':
    case 'or':
      return { [`$${condition.type}`]: condition.conditions.map((inner) => translate(schema, inner, parameter)) };
    case 'not':
      return { $not: translate(schema, condition.condition, parameter) };
    case 'in':
      return membership(filterField(schema, condition.field, parameter), condition.values, parameter);
    case 'compare': {
      const field = filterField(schema, condition.field, parameter);
      return isTextOperator(condition.operator)
        ? textComparison(field, condition.operator, condition.value, parameter)
        : comparison(field, condition.operator, condition.value, parameter);
    }
  }
}

function isTextOperator(operator: Operator): operator is TextOperator {
  return (TEXT_OPERATORS as readonly string[]).includes(operator);
}

function allow(field: QueryField, operator: Operator, parameter: string): void {
  if (!field.operators.has(operator)) throw invalidQuery(parameter, `${operator} is not allowed on ${field.name}`);
}

function comparison(field: QueryField, operator: ComparisonOperator, literal: Literal, parameter: string): Where {
  allow(field, operator, parameter);
  const property = field.property;
  if (literal.type === 'null') {
    if (!field.nullable || (operator !== 'eq' && operator !== 'ne'))
      throw invalidQuery(parameter, `${field.name} cannot be compared with null`);
    return { [property]: operator === 'eq' ? null : { $ne: null } };
  }
  const value = bindLiteral(field, literal, parameter);
  // In OData a missing value is "not equal" to any value; in SQL it is neither.
  if (operator === 'ne' && field.nullable) return { $or: [{ [property]: { $ne: value } }, { [property]: null }] };
  return { [property]: { [ORM_OPERATORS[operator]]: value } };
}

function textComparison(field: QueryField, operator: TextOperator, literal: Literal, parameter: string): Where {
  if (field.kind !== 'string') throw invalidQuery(parameter, `${operator} applies to text fields, not ${field.name}`);
  allow(field, operator, parameter);
  if (literal.type !== 'string') throw invalidQuery(parameter, `${operator} takes a field and a quoted string`);
  // Every text starts with, ends with and contains the empty text; a missing one does not.
  if (literal.value === '') return { [field.property]: { $ne: null } };
  return textMatch(field.column, operator, literal.value);
}

function membership(field: QueryField, literals: Literal[], parameter: string): Where {
  allow(field, 'in', parameter);
  if (literals.length === 0) throw invalidQuery(parameter, `in on ${field.name} needs at least one value`);
  const values = literals.map((literal) => {
    if (literal.type === 'null') throw invalidQuery(parameter, `${field.name} cannot be compared with null`);
    return bindLiteral(field, literal, parameter);
  });
  return { [field.property]: { $in: values } };
}
