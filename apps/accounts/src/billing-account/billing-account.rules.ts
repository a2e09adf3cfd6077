import { FixedPoint } from '@billing/money';
import { ValidationException } from '@billing/contracts';

/** Account numbers are the row id offset into an 8-digit range: unique, and never reused. */
const NUMBER_BASE = 10_000_000;
export const accountNumberOf = (id: number) => String(NUMBER_BASE + id);
export function idOfAccountNumber(accountNumber: unknown): number | undefined {
  if (typeof accountNumber !== 'string' || !/^\d{8,15}$/.test(accountNumber)) return undefined;
  const id = Number(accountNumber) - NUMBER_BASE;
  return id > 0 ? id : undefined;
}

/** Monthly recurring revenue: cents, shown as "100.00". */
export const MRR = new FixedPoint(2, 10_000_000_000);

/** How deep the hierarchy may go: root at level 1. */
export const MAX_DEPTH = 10;

export interface BillingAccountValues {
  name?: string;
  currency?: string;
  mrrCents?: string;
  parentAccountNumber?: string | null;
  customerId?: number | null;
  billingDay?: number;
  paymentTermDays?: number;
  timeZone?: string | null;
}

const ALLOWED = {
  create: ['name', 'currency', 'parentAccountNumber', 'customerId', 'monthlyRecurringRevenue', 'billingDay', 'paymentTermDays', 'timeZone'],
  update: ['name', 'parentAccountNumber', 'customerId', 'monthlyRecurringRevenue', 'billingDay', 'paymentTermDays', 'timeZone'],
};

/** Checks a create or a PATCH and reports every problem at once. */
export function checkBillingAccount(input: unknown, mode: 'create' | 'update'): BillingAccountValues {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ValidationException('The body must be a JSON object');
  const body = input as Record<string, unknown>;
  const problems: string[] = [];
  const values: BillingAccountValues = {};
  for (const key of Object.keys(body)) {
    if (!ALLOWED[mode].includes(key)) {
      problems.push(key === 'currency' ? 'currency cannot change once the account exists' : `unknown field "${key}"`);
    }
  }
  const has = (key: string) => body[key] !== undefined;
  if (mode === 'create' && !has('name')) problems.push('name is required');
  if (mode === 'create' && !has('currency')) problems.push('currency is required');
  if (has('name')) {
    if (typeof body['name'] !== 'string' || body['name'].trim() === '' || body['name'].length > 255)
      problems.push('name must be 1 to 255 characters');
    else values.name = body['name'];
  }
  if (has('currency') && mode === 'create') {
    if (typeof body['currency'] !== 'string' || !/^[A-Z]{3}$/.test(body['currency']))
      problems.push('currency must be an ISO 4217 code such as "USD"');
    else values.currency = body['currency'];
  }
  if (has('monthlyRecurringRevenue')) {
    const parsed = MRR.parse(body['monthlyRecurringRevenue']);
    if (!parsed.ok) problems.push(`monthlyRecurringRevenue ${parsed.reason}`);
    else values.mrrCents = parsed.units.toString();
  }
  if (has('parentAccountNumber')) {
    const parent = body['parentAccountNumber'];
    if (parent !== null && idOfAccountNumber(parent) === undefined) problems.push('parentAccountNumber must be an account number');
    else values.parentAccountNumber = parent as string | null;
  }
  if (has('customerId')) {
    const customerId = body['customerId'];
    if (customerId !== null && (typeof customerId !== 'number' || !Number.isInteger(customerId) || customerId < 1)) {
      problems.push('customerId must be a customer id');
    } else values.customerId = customerId as number | null;
  }
  const whole = (key: 'billingDay' | 'paymentTermDays', min: number, max: number) => {
    if (!has(key)) return;
    const value = body[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      problems.push(`${key} must be a whole number from ${min} to ${max}`);
    else values[key] = value;
  };
  whole('billingDay', 1, 28);
  whole('paymentTermDays', 0, 365);
  if (has('timeZone')) {
    const zone = body['timeZone'];
    if (zone !== null && !isTimeZone(zone)) problems.push('timeZone must be an IANA time zone such as "America/Chicago"');
    else values.timeZone = zone as string | null;
  }
  if (problems.length > 0) throw new ValidationException(problems.join('; '), { problems });
  return values;
}

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Building an Intl formatter is costly (tens of microseconds): one of each kind per zone, reused. */
const formatters = new Map<string, { date: Intl.DateTimeFormat; offset: Intl.DateTimeFormat }>();
function formattersFor(zone: string) {
  let cached = formatters.get(zone);
  if (!cached) {
    cached = {
      date: new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' }),
      offset: new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }),
    };
    formatters.set(zone, cached);
  }
  return cached;
}

/** The calendar date today is in the zone. */
function localDate(instant: Date, zone: string): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(
    formattersFor(zone)
      .date.formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { year: Number(parts['year']), month: Number(parts['month']) - 1, day: Number(parts['day']) };
}

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetMinutes(instant: Date, zone: string): number {
  const name = formattersFor(zone)
    .offset.formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Local midnight of a calendar date in the zone, written with the zone's offset. */
function localMidnight(year: number, month: number, day: number, zone: string): string {
  const wall = Date.UTC(year, month, day); // the wall-clock time read as if it were UTC
  const offset = offsetMinutes(new Date(wall - offsetMinutes(new Date(wall), zone) * 60_000), zone);
  const date = new Date(wall).toISOString().slice(0, 10);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T00:00:00.000${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The next bill is issued on the first billing day strictly after today (in the account's time
 * zone, UTC when it has none) and is due paymentTermDays later, at local midnight.
 */
export function nextDueDate(billingDay: number, paymentTermDays: number, today: Date, zone = 'UTC'): string {
  const { year, month, day } = localDate(today, zone);
  const issueMonth = day < billingDay ? month : month + 1;
  const due = new Date(Date.UTC(year, issueMonth, billingDay + paymentTermDays));
  return localMidnight(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate(), zone);
}

/** The current billing cycle: from the latest billing day on or before today to the next one (UTC). */
export function currentCycle(billingDay: number, today: Date): { start: string; end: string } {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const started = today.getUTCDate() >= billingDay;
  const start = Date.UTC(year, started ? month : month - 1, billingDay);
  const end = Date.UTC(year, started ? month + 1 : month, billingDay);
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  return { start: iso(start), end: iso(end) };
}
