import { Decimal } from 'decimal.js';
import type { Literal } from './condition.js';
import { invalidQuery, type QueryField } from './query-schema.js';

export type BoundValue = string | number | boolean | Date;

const NUMBER = /^-?\d+(\.\d+)?$/;
const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/**
 * The value a literal binds as for one field, or the client's mistake. Out-of-range numbers are
 * refused here: PostgreSQL would otherwise fail the whole query on the bound parameter.
 */
export function bindLiteral(field: QueryField, literal: Exclude<Literal, { type: 'null' }>, parameter: string): BoundValue {
  const fail = (expected: string) => invalidQuery(parameter, `${field.name} takes ${expected}, not ${literal.raw}`);
  switch (field.kind) {
    case 'string':
      if (literal.type !== 'string') throw fail('a quoted string');
      return literal.value;
    case 'enum':
      if (literal.type !== 'string' || !field.values.includes(literal.value)) throw fail(`one of ${field.values.join(', ')}`);
      return literal.value;
    case 'boolean':
      if (literal.type !== 'boolean') throw fail('true or false');
      return literal.value;
    case 'date':
      if (literal.type !== 'date' || !isCalendarDate(literal.value)) throw fail('a date (YYYY-MM-DD)');
      return literal.value;
    case 'datetime': {
      const instant = literal.type === 'datetime' && isCalendarDate(literal.value.slice(0, 10)) ? new Date(literal.value) : undefined;
      if (!instant || Number.isNaN(instant.getTime())) throw fail('a date and time (YYYY-MM-DDThh:mm:ssZ)');
      return instant;
    }
    case 'integer': {
      const text = numberText(literal, fail);
      if (!/^-?\d+$/.test(text)) throw fail('a whole number');
      const value = Number(text);
      if (value < INT32.min || value > INT32.max) throw fail(`a whole number from ${INT32.min} to ${INT32.max}`);
      return value;
    }
    case 'decimal': {
      const value = new Decimal(numberText(literal, fail));
      if (value.decimalPlaces() > field.scale) throw invalidQuery(parameter, `${field.name} has at most ${field.scale} decimal places`);
      if (field.storage === 'exact') return value.toFixed();
      // toFixed(scale) only pads here, so dropping the point gives the exact number of units.
      const units = BigInt(value.toFixed(field.scale).replace('.', ''));
      if (units < INT64.min || units > INT64.max) throw invalidQuery(parameter, `${field.name} is out of range: ${literal.raw}`);
      return units.toString();
    }
  }
}

function numberText(literal: Literal, fail: (expected: string) => Error): string {
  if (literal.type !== 'number' || !NUMBER.test(literal.value)) throw fail('a number');
  return literal.value;
}

/** YYYY-MM-DD naming a day that exists: Date would roll 2024-02-30 over into March. */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
