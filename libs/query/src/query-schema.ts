import { ValidationException } from '@billing/contracts';

export const COMPARISON_OPERATORS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export const TEXT_OPERATORS = ['startswith', 'endswith', 'contains'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type TextOperator = (typeof TEXT_OPERATORS)[number];
export type Operator = ComparisonOperator | TextOperator | 'in';

interface FieldOptions {
  /** The entity property conditions and orderings name; defaults to the field's own name. */
  property?: string;
  /** The SQL column behind the property, for the conditions written as SQL; defaults to the property. */
  column?: string;
  /** Default false. */
  nullable?: boolean;
  /** Default true. */
  sortable?: boolean;
  /** Default true. */
  filterable?: boolean;
  /** Narrows the operators the kind allows; default all of them. */
  operators?: readonly Operator[];
}

/**
 * How a field's literals are read and bound. `integer` is the 32-bit SQL `integer`. A `decimal` is
 * compared exactly: `scaled` columns hold whole units of 10^-scale (the way call-rate amounts are
 * stored: exact on SQLite too), `exact` columns are SQL `numeric`.
 */
export type KindDefinition =
  | { kind: 'string' | 'integer' | 'boolean' | 'date' | 'datetime' }
  | { kind: 'decimal'; scale: number; storage: 'scaled' | 'exact' }
  | { kind: 'enum'; values: readonly string[] };
export type FieldKind = KindDefinition['kind'];
export type FieldDefinition = FieldOptions & KindDefinition;

/** A field as the schema resolved it, every default filled in. */
export type QueryField = KindDefinition & {
  name: string;
  property: string;
  column: string;
  nullable: boolean;
  sortable: boolean;
  filterable: boolean;
  operators: ReadonlySet<Operator>;
};

export interface QueryLimits {
  /** Characters in one filter, search or orderby parameter. */
  maxLength: number;
  /** Parenthesis levels in a filter, counted before it is parsed. */
  maxDepth: number;
  /** Comparisons (and function calls) in one filter. */
  maxComparisons: number;
  /** Keys in one orderby. */
  maxOrderKeys: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxLength: 2000, maxDepth: 32, maxComparisons: 100, maxOrderKeys: 10 };

export interface SchemaDefinition {
  fields: Record<string, FieldDefinition>;
  /** A sortable field unique per row, appended to every ordering so that pages are stable. */
  tieBreaker: string;
  /** The text fields `search` looks in. */
  search?: readonly string[];
  limits?: Partial<QueryLimits>;
}

declare const ENTITY: unique symbol;

/** One resource's fields as clients may name them; `E` is the entity the conditions are for. */
export interface QuerySchema<E extends object> {
  readonly fields: ReadonlyMap<string, QueryField>;
  readonly tieBreaker: QueryField;
  readonly search: readonly QueryField[];
  readonly limits: QueryLimits;
  /** Type only: ties the schema to its entity, so translations come out as FilterQuery<E>. */
  readonly [ENTITY]?: E;
}

const KIND_OPERATORS: Record<FieldKind, readonly Operator[]> = {
  string: [...COMPARISON_OPERATORS, ...TEXT_OPERATORS, 'in'],
  integer: [...COMPARISON_OPERATORS, 'in'],
  decimal: [...COMPARISON_OPERATORS, 'in'],
  date: [...COMPARISON_OPERATORS, 'in'],
  datetime: [...COMPARISON_OPERATORS, 'in'],
  boolean: ['eq', 'ne'],
  enum: ['eq', 'ne', 'in'],
};

/** Columns are written into SQL text, so only plain identifiers are accepted. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a resource's queryable fields once. Mistakes in the declaration are programming errors
 * and throw a plain Error when the module loads, long before a client sends a query.
 */
export function defineSchema<E extends object>(definition: SchemaDefinition): QuerySchema<E> {
  const fields = new Map(Object.entries(definition.fields).map(([name, field]) => [name, resolveField(name, field)]));
  const tieBreaker = fields.get(definition.tieBreaker);
  if (!tieBreaker?.sortable) throw new Error(`query schema: the tie-breaker "${definition.tieBreaker}" must be a sortable field`);
  const search = (definition.search ?? []).map((name) => {
    const field = fields.get(name);
    if (field?.kind !== 'string') throw new Error(`query schema: search field "${name}" must be a string field`);
    return field;
  });
  const limits = { ...DEFAULT_LIMITS, ...definition.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`query schema: limit ${name} must be a positive whole number`);
  }
  return { fields, tieBreaker, search, limits };
}

function resolveField(name: string, definition: FieldDefinition): QueryField {
  const property = definition.property ?? name;
  const column = definition.column ?? property;
  if (!IDENTIFIER.test(column)) throw new Error(`query schema: column "${column}" of "${name}" is not a plain SQL identifier`);
  const allowed = KIND_OPERATORS[definition.kind];
  const operators = definition.operators ?? allowed;
  const foreign = operators.filter((operator) => !allowed.includes(operator));
  if (foreign.length > 0) throw new Error(`query schema: ${definition.kind} field "${name}" cannot allow ${foreign.join(', ')}`);
  if (definition.kind === 'decimal' && !(Number.isInteger(definition.scale) && definition.scale >= 0 && definition.scale <= 30)) {
    throw new Error(`query schema: decimal field "${name}" needs a scale from 0 to 30`);
  }
  if (definition.kind === 'enum' && definition.values.length === 0) throw new Error(`query schema: enum field "${name}" has no values`);
  return {
    ...kindOf(definition),
    name,
    property,
    column,
    nullable: definition.nullable ?? false,
    sortable: definition.sortable ?? true,
    filterable: definition.filterable ?? true,
    operators: new Set(operators),
  };
}

function kindOf(definition: FieldDefinition): KindDefinition {
  switch (definition.kind) {
    case 'decimal':
      return { kind: 'decimal', scale: definition.scale, storage: definition.storage };
    case 'enum':
      return { kind: 'enum', values: definition.values };
    default:
      return { kind: definition.kind };
  }
}

/** A client mistake in one query parameter; the message starts with the parameter's name. */
export function invalidQuery(parameter: string, message: string): ValidationException {
  return new ValidationException(`${parameter}: ${message}`, { parameter });
}

export function filterField(schema: QuerySchema<object>, name: string, parameter: string): QueryField {
  const field = schema.fields.get(name);
  if (!field) throw invalidQuery(parameter, `unknown field "${name}"`);
  if (!field.filterable) throw invalidQuery(parameter, `field "${name}" cannot be filtered on`);
  return field;
}

export function sortField(schema: QuerySchema<object>, name: string, parameter: string): QueryField {
  const field = schema.fields.get(name);
  if (!field) throw invalidQuery(parameter, `unknown field "${name}"`);
  if (!field.sortable) throw invalidQuery(parameter, `field "${name}" cannot be sorted on`);
  return field;
}
