import type { FilterQuery } from '@mikro-orm/core';
import { defaultParser } from '@odata/parser';
import type { Condition, Literal } from './condition.js';
import { toFilterQuery } from './filter-translator.js';
import { checkLength, checkNesting } from './query-limits.js';
import { invalidQuery, TEXT_OPERATORS, type ComparisonOperator, type QueryLimits, type QuerySchema } from './query-schema.js';

interface Token {
  type: string;
  raw: string;
  value: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the parser's AST is untyped
}

const COMPARISONS = new Map<string, ComparisonOperator>([
  ['EqualsExpression', 'eq'],
  ['NotEqualsExpression', 'ne'],
  ['LesserThanExpression', 'lt'],
  ['LesserOrEqualsExpression', 'le'],
  ['GreaterThanExpression', 'gt'],
  ['GreaterOrEqualsExpression', 'ge'],
]);
const NUMBER_TYPES = new Set(['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Decimal', 'Edm.Double', 'Edm.Single']);

/** An OData `$filter` as a MikroORM condition on the schema's entity. */
export function odataFilter<E extends object>(schema: QuerySchema<E>, text: string, parameter = 'filter'): FilterQuery<E> {
  return toFilterQuery(schema, parseODataFilter(text, schema.limits, parameter), parameter);
}

/**
 * The OData front end: limits first (before the parser runs), then a real OData parser, then its
 * AST as a condition tree. It knows the language only; the fields are the translator's business.
 */
export function parseODataFilter(text: string, limits: QueryLimits, parameter = 'filter'): Condition {
  checkLength(text, limits, parameter);
  checkNesting(text, limits, parameter);
  let ast: Token;
  try {
    ast = defaultParser.filter(text) as Token;
  } catch (error) {
    const at = /at (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw invalidQuery(parameter, `syntax error${at ? ` at position ${at}` : ''} in "${text}"`);
  }
  return toCondition(fixNotPrecedence(ast), parameter, limits.maxDepth);
}

/**
 * The parser reads `not a and b` as `not (a and b)`; OData gives `not` the higher precedence, so
 * the `not` is moved onto the leftmost operand it was written in front of.
 */
function fixNotPrecedence(token: Token): Token {
  if (token.type === 'NotExpression') {
    const inner = fixNotPrecedence(token.value);
    if (inner.type === 'AndExpression' || inner.type === 'OrExpression') {
      const left = fixNotPrecedence({ type: 'NotExpression', raw: token.raw, value: inner.value.left });
      return { ...inner, value: { left, right: inner.value.right } };
    }
    return { ...token, value: inner };
  }
  if (token.type === 'AndExpression' || token.type === 'OrExpression') {
    return { ...token, value: { left: fixNotPrecedence(token.value.left), right: fixNotPrecedence(token.value.right) } };
  }
  if (token.type === 'BoolParenExpression') return { ...token, value: fixNotPrecedence(token.value) };
  return token;
}

/**
 * `nots` counts the `not`s directly above the token: each undoes the one before yet costs a level
 * of nesting in every later step (hundreds took the database layer a third of a second), so a run
 * longer than the nesting limit is refused like deep parentheses.
 */
function toCondition(token: Token, parameter: string, maxNots: number, nots = 0): Condition {
  switch (token.type) {
    case 'AndExpression':
    case 'OrExpression':
      return {
        type: token.type === 'AndExpression' ? 'and' : 'or',
        conditions: [toCondition(token.value.left, parameter, maxNots), toCondition(token.value.right, parameter, maxNots)],
      };
    case 'NotExpression':
      if (nots === maxNots) throw invalidQuery(parameter, `more than the limit of ${maxNots} "not" in a row`);
      return { type: 'not', condition: toCondition(token.value, parameter, maxNots, nots + 1) };
    case 'BoolParenExpression':
      return toCondition(token.value, parameter, maxNots, nots);
    case 'MethodCallExpression':
      return functionCall(token, parameter);
    default: {
      const operator = COMPARISONS.get(token.type);
      if (!operator) throw invalidQuery(parameter, `unsupported expression "${token.raw}"`);
      const field = fieldName(token.value.left, parameter);
      const right: Token | undefined = token.value.right;
      if (right?.type !== 'Literal') throw invalidQuery(parameter, `compare ${field} with a literal value, not "${right?.raw}"`);
      return { type: 'compare', field, operator, value: literal(right) };
    }
  }
}

/** startswith(field, 'text'), endswith and contains; OData's other functions are not offered. */
function functionCall(token: Token, parameter: string): Condition {
  const { method, parameters } = token.value as { method: string; parameters?: Token[] };
  const operator = TEXT_OPERATORS.find((name) => name === method);
  if (!operator) throw invalidQuery(parameter, `unsupported function "${method}"`);
  const field = fieldName(parameters?.[0], parameter);
  const text = parameters?.[1];
  if (text?.type !== 'Literal') throw invalidQuery(parameter, `${method} takes a field and a quoted string`);
  return { type: 'compare', field, operator, value: literal(text) };
}

function fieldName(token: Token | undefined, parameter: string): string {
  if (token?.type !== 'FirstMemberExpression') throw invalidQuery(parameter, `expected a field name, found "${token?.raw ?? ''}"`);
  return token.raw;
}

function literal(token: Token): Literal {
  const raw = token.raw;
  if (token.value === 'null') return { type: 'null', raw };
  if (token.value === 'Edm.String') return { type: 'string', value: raw.slice(1, -1).replaceAll("''", "'"), raw };
  if (token.value === 'Edm.Boolean') return { type: 'boolean', value: raw.toLowerCase() === 'true', raw };
  if (token.value === 'Edm.Date') return { type: 'date', value: raw, raw };
  if (token.value === 'Edm.DateTimeOffset') return { type: 'datetime', value: raw, raw };
  if (NUMBER_TYPES.has(token.value)) return { type: 'number', value: raw, raw };
  return { type: 'other', raw };
}
