import { TelephonyContracts, ValidationException } from '@billing/contracts';
import { RATE_AMOUNT } from '@billing/money';

const INT32_MAX = 2_147_483_647;
const INTEGER_MINIMUMS = { free_seconds: 0, grace_period: 0, interval_1: 1, interval_n: 1 } as const;
export const AMOUNT_FIELDS = ['connect_fee', 'postcall_surcharge', 'price_1', 'price_n'] as const;
export const INTEGER_FIELDS = Object.keys(INTEGER_MINIMUMS) as (keyof typeof INTEGER_MINIMUMS)[];

/** A valid call rate ready for storage: the contract's fields, but amounts in 0.00001 units. */
export type CallRateValues = Omit<TelephonyContracts.CallRate, 'id'>;

/**
 * Checks a create (every field but description required) or an update (every field optional)
 * exactly as document 004 states the rules, and reports every problem at once.
 */
export function checkCallRate(input: unknown, mode: 'create' | 'update'): Partial<CallRateValues> {
  const read = readCallRate(input, mode);
  if ('problems' in read) throw new ValidationException(read.problems.join('; '), { problems: read.problems });
  return read.values;
}

/** The same checks, answering every problem or the values, for a caller that collects problems (an import). */
export function readCallRate(input: unknown, mode: 'create' | 'update'): { values: Partial<CallRateValues> } | { problems: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { problems: ['the body must be a JSON object'] };
  const body = input as Record<string, unknown>;
  const units: Record<string, string> = {};
  const problems = callRateProblems(body, mode, units);
  if (problems.length > 0) return { problems };
  const values: Record<string, unknown> = {};
  for (const field of TelephonyContracts.CALL_RATE_FIELDS) {
    if (body[field] !== undefined) values[field] = units[field] ?? body[field];
  }
  return { values: values as Partial<CallRateValues> };
}

/** Every problem of the body; the amounts it parses are kept in `units` (0.00001 units), so each is parsed once. */
function callRateProblems(body: Record<string, unknown>, mode: 'create' | 'update', units: Record<string, string>): string[] {
  const problems: string[] = [];
  const known = new Set<string>([...TelephonyContracts.CALL_RATE_FIELDS, 'id']);
  for (const key of Object.keys(body)) if (!known.has(key)) problems.push(`unknown field "${key}"`);

  const present = (field: string) => body[field] !== undefined;
  for (const field of TelephonyContracts.CALL_RATE_FIELDS) {
    if (mode === 'create' && field !== 'description' && !present(field)) problems.push(`${field} is required`);
  }
  if (present('prefix')) {
    const prefix = body['prefix'];
    // Rating matches prefixes against a number's digits: any other character could never match.
    if (typeof prefix !== 'string' || !/^[0-9]{1,64}$/.test(prefix)) problems.push('prefix must be 1 to 64 digits (0-9)');
  }
  if (present('type') && !TelephonyContracts.CALL_TYPES.includes(body['type'] as never)) {
    problems.push(`type must be one of ${TelephonyContracts.CALL_TYPES.join(', ')}`);
  }
  for (const field of INTEGER_FIELDS) {
    if (!present(field)) continue;
    const value = body[field];
    const min = INTEGER_MINIMUMS[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > INT32_MAX) {
      problems.push(`${field} must be an integer >= ${min}`);
    }
  }
  for (const field of AMOUNT_FIELDS) {
    if (!present(field)) continue;
    const parsed = RATE_AMOUNT.parse(body[field]);
    if (parsed.ok) units[field] = parsed.units.toString();
    else problems.push(`${field} ${parsed.reason}`);
  }
  if (present('description') && body['description'] !== null) {
    const description = body['description'];
    if (typeof description !== 'string' || description.length > 1024) {
      problems.push('description must be a string of at most 1024 characters');
    }
  }
  return problems;
}
