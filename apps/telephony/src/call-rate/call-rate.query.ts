import { raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { defaultParser } from '@odata/parser';
import { Decimal } from 'decimal.js';
import { RATE_AMOUNT } from '@billing/money';
import { ValidationException, wholeNumberParameter } from '@billing/rpc';
import type { CallRateEntity } from './call-rate.entity.js';
import { AMOUNT_FIELDS, INTEGER_FIELDS } from './call-rate.rules.js';

type Where = FilterQuery<CallRateEntity>;

/** The fields a client may filter and sort on, and how their literals are read. */
const FIELD_KINDS: Record<string, 'string' | 'integer' | 'amount'> = {
  prefix: 'string',
  type: 'string',
  description: 'string',
  ...Object.fromEntries(INTEGER_FIELDS.map((f) => [f, 'integer'])),
  ...Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, 'amount'])),
};
const NULLABLE = new Set(['description']);
const COMPARISONS: Record<string, string> = {
  EqualsExpression: '$eq',
  NotEqualsExpression: '$ne',
  LesserThanExpression: '$lt',
  LesserOrEqualsExpression: '$lte',
  GreaterThanExpression: '$gt',
  GreaterOrEqualsExpression: '$gte',
};

interface Token {
  type: string;
  raw: string;
  value: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the parser's AST is untyped
}

const invalid = (message: string) => new ValidationException(message, { parameter: 'filter' });

/**
 * An OData-style `filter` parsed by a real OData parser into an AST, then translated node by node
 * into an ORM condition: fields checked against an allow-list, every value bound as a parameter.
 */
export function parseFilter(text: string): Where {
  let ast: Token;
  try {
    ast = defaultParser.filter(text) as Token;
  } catch (error) {
    const at = /at (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw invalid(`filter: syntax error${at ? ` at position ${at}` : ''} in "${text}"`);
  }
  return translate(fixNotPrecedence(ast));
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

function translate(token: Token): Where {
  switch (token.type) {
    case 'AndExpression':
      return { $and: [translate(token.value.left), translate(token.value.right)] } as Where;
    case 'OrExpression':
      return { $or: [translate(token.value.left), translate(token.value.right)] } as Where;
    case 'NotExpression':
      return { $not: translate(token.value) } as Where;
    case 'BoolParenExpression':
      return translate(token.value);
    case 'MethodCallExpression':
      return stringFunction(token);
    default: {
      const operator = COMPARISONS[token.type];
      if (!operator) throw invalid(`filter: unsupported expression "${token.raw}"`);
      return comparison(operator, token);
    }
  }
}

function fieldOf(token: Token | undefined): string {
  if (token?.type !== 'FirstMemberExpression') throw invalid(`filter: expected a field name, found "${token?.raw ?? ''}"`);
  const field = token.raw;
  if (!(field in FIELD_KINDS)) throw invalid(`filter: unknown field "${field}"`);
  return field;
}

function comparison(operator: string, token: Token): Where {
  const field = fieldOf(token.value.left);
  const literal: Token = token.value.right;
  if (literal?.type !== 'Literal') throw invalid(`filter: compare ${field} with a literal value, not "${literal?.raw}"`);
  if (literal.raw === 'null') {
    if (!NULLABLE.has(field) || (operator !== '$eq' && operator !== '$ne')) {
      throw invalid(`filter: ${field} cannot be compared with null`);
    }
    return { [field]: operator === '$eq' ? null : { $ne: null } } as Where;
  }
  const value = literalValue(field, literal);
  // In OData a missing value is "not equal" to any value; in SQL it is neither.
  if (operator === '$ne' && NULLABLE.has(field)) return { $or: [{ [field]: { $ne: value } }, { [field]: null }] } as Where;
  return { [field]: { [operator]: value } } as Where;
}

function literalValue(field: string, literal: Token): string | number {
  const kind = FIELD_KINDS[field];
  if (kind === 'string') {
    if (!/^'.*'$/s.test(literal.raw)) throw invalid(`filter: ${field} takes a quoted string, not ${literal.raw}`);
    return literal.raw.slice(1, -1).replaceAll("''", "'");
  }
  if (!/^-?\d+(\.\d+)?$/.test(literal.raw)) throw invalid(`filter: ${field} takes a number, not ${literal.raw}`);
  if (kind === 'integer') {
    if (!/^-?\d+$/.test(literal.raw)) throw invalid(`filter: ${field} takes a whole number, not ${literal.raw}`);
    return Number(literal.raw);
  }
  const units = new Decimal(literal.raw).times(10 ** RATE_AMOUNT.scale);
  if (!units.isInteger()) throw invalid(`filter: ${field} has at most ${RATE_AMOUNT.scale} decimal places`);
  return units.toFixed(0);
}

/** startswith, endswith and contains, case-sensitive, written in SQL that SQLite and PostgreSQL share. */
function stringFunction(token: Token): Where {
  const { method, parameters } = token.value as { method: string; parameters: Token[] };
  if (!['startswith', 'endswith', 'contains'].includes(method)) throw invalid(`filter: unsupported function "${method}"`);
  const field = fieldOf(parameters?.[0]);
  if (FIELD_KINDS[field] !== 'string') throw invalid(`filter: ${method} applies to text fields, not ${field}`);
  const literal = parameters?.[1];
  if (literal?.type !== 'Literal' || !/^'.*'$/s.test(literal.raw)) {
    throw invalid(`filter: ${method} takes a field and a quoted string`);
  }
  const value = literal.raw.slice(1, -1).replaceAll("''", "'");
  const column = `"${field}"`; // from the allow-list above, never from the client
  if (value === '') return { [field]: { $ne: null } } as Where;
  switch (method) {
    case 'startswith':
      return { [raw(`substr(${column}, 1, ?)`, [value.length])]: value } as Where;
    case 'endswith':
      return {
        $and: [
          { [raw(`length(${column})`)]: { $gte: value.length } },
          { [raw(`substr(${column}, length(${column}) - ?)`, [value.length - 1])]: value },
        ],
      } as Where;
    default:
      return containsCondition(column, value, false);
  }
}

/** `value` occurs in `column`: replace() and length() exist alike on both engines. */
function containsCondition(column: string, value: string, ignoreCase: boolean): Where {
  const subject = ignoreCase ? `lower(${column})` : column;
  return {
    [raw(`length(${subject}) - length(replace(${subject}, ?, ''))`, [ignoreCase ? value.toLowerCase() : value])]: { $gt: 0 },
  } as Where;
}

/** `search`: a case-insensitive substring of the prefix or the description. */
export function searchCondition(term: string): Where {
  return { $or: [containsCondition('"prefix"', term, true), containsCondition('"description"', term, true)] } as Where;
}

/** `orderby`: "field [asc|desc], …", ascending by default; the id breaks ties so pages are stable. */
export function parseOrderBy(text: string | undefined): QueryOrderMap<CallRateEntity>[] {
  const order: QueryOrderMap<CallRateEntity>[] = [];
  for (const item of (text ?? '').split(',').filter((part) => part.trim() !== '')) {
    const match = /^\s*([A-Za-z_0-9]+)(?:\s+(asc|desc))?\s*$/i.exec(item);
    if (!match) throw new ValidationException(`orderby: cannot read "${item.trim()}"`, { parameter: 'orderby' });
    const field = match[1]!;
    if (!(field in FIELD_KINDS) && field !== 'id') {
      throw new ValidationException(`orderby: unknown field "${field}"`, { parameter: 'orderby' });
    }
    order.push({ [field]: (match[2] ?? 'asc').toLowerCase() } as QueryOrderMap<CallRateEntity>);
  }
  return [...order, { id: 'asc' }];
}

/** `skip` (>= 0, default 0) and `top` (1..100, default 100), strictly whole numbers. */
export function parsePage(skip: string | undefined, top: string | undefined): { offset: number; limit: number } {
  return {
    offset: wholeNumberParameter('skip', skip, 0, 0, Number.MAX_SAFE_INTEGER),
    limit: wholeNumberParameter('top', top, 100, 1, 100),
  };
}
