import { ValidationException } from '@billing/contracts';

/** The small readers every pricing feature validates a client's body with, so a rule and its wording exist once. */

/** A 400 naming the field, in the words the client sees. */
export const invalid = (field: string, rule: string) => new ValidationException(`${field} ${rule}`, { field });

export const given = (value: unknown) => value !== undefined && value !== null;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Product, option and choice codes: what fits a URL segment unescaped. */
export const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const CODE_RULE = 'must be 1 to 64 letters, digits, ".", "_" or "-"';

const CONTROL = /[\u0000-\u001f\u007f]/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Text a person typed: trimmed, 1 to `max` characters, no control characters. */
export function readText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max || CONTROL.test(value)) {
    throw invalid(field, `must be text of 1 to ${max} characters`);
  }
  return value.trim();
}

/** A real calendar day written YYYY-MM-DD. */
export function readDate(value: unknown, field: string): string {
  if (!given(value)) throw invalid(field, 'is required');
  if (typeof value !== 'string' || !DATE.test(value)) throw invalid(field, 'must be a date (YYYY-MM-DD)');
  const day = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw invalid(field, 'is not a real date');
  return value;
}

/** Today in UTC, YYYY-MM-DD: the calendar every date of the API is in. */
export const today = (now: Date) => now.toISOString().slice(0, 10);
