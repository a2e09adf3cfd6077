import { PricingContracts } from '@billing/contracts';
import { Money, Percentage, type Currency } from '@billing/money';
import { CODE, given, invalid, readDate } from '../input/input.rules.js';

type PromoType = PricingContracts.PromoType;
type PromoDuration = PricingContracts.PromoDuration;

/** Upper-case letters, digits, "-" and "_": what survives being read aloud, typed and upper-cased. */
export const PROMO_CODE = /^[A-Z0-9_-]{3,40}$/;
const DAY_MS = 86_400_000;
const PERCENT_PLACES = 4;
const MAX_TRIAL_DAYS = 3650;
const MAX_MONTHS = 120;
const MAX_SERVICES = 100;

/** A promo code as stored: every field checked, decimals in their canonical text. */
export interface PromoValues {
  code: string;
  type: PromoType;
  discount: string;
  currency: string | null;
  startsAt: string | null;
  expires: string;
  maxRedemptions: number | null;
  maxPerCustomer: number;
  minimumAmount: string | null;
  minimumAmountCurrency: string | null;
  firstTimeOnly: boolean;
  services: string[];
  duration: PromoDuration;
  durationMonths: number | null;
}

/** The fields a body may carry, by their client names (the document's `currencycode`). */
const FIELDS = [
  'code',
  'type',
  'discount',
  'currencycode',
  'startsAt',
  'expires',
  'maxRedemptions',
  'maxPerCustomer',
  'minimumAmount',
  'minimumAmountCurrency',
  'firstTimeOnly',
  'services',
  'duration',
  'durationMonths',
] as const;
/** They name the offer itself: changing them would change what earlier redemptions were. */
const FIXED_FIELDS = new Set(['code', 'type']);

/** A code as a client typed it, upper-cased; any case is accepted. */
export function readPromoCode(value: unknown, field = 'promocode'): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  if (code === undefined || !PROMO_CODE.test(code)) throw invalid(field, 'must be 3 to 40 letters, digits, "-" or "_"');
  return code;
}

/** The currency codes a body names, upper-cased, for the caller to resolve before `checkPromo`. */
export function namedCurrencies(body: Record<string, unknown>): string[] {
  return ['currencycode', 'minimumAmountCurrency'].map((field) => body[field]).filter((code): code is string => typeof code === 'string');
}

/**
 * Checks a whole promo body (a create, or a stored promo with an update's changes laid over it).
 * `currencies` holds the currencies the body names that pricing serves; a code missing from it is
 * refused.
 */
export function checkPromo(body: Record<string, unknown>, currencies: ReadonlyMap<string, Currency>): PromoValues {
  const unknown = Object.keys(body).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) throw invalid(`"${unknown.slice(0, 64)}"`, 'is not a promo code field');
  const type = readEnum(body['type'], 'type', PricingContracts.PROMO_TYPES, true)!;
  const currency = readCurrency(body['currencycode'], 'currencycode', currencies);
  const startsAt = given(body['startsAt']) ? readDate(body['startsAt'], 'startsAt') : null;
  const expires = readDate(body['expires'], 'expires');
  if (startsAt !== null && expires < startsAt) throw invalid('expires', `must not be before startsAt (${startsAt})`);
  const duration = readEnum(body['duration'], 'duration', PricingContracts.PROMO_DURATIONS, false) ?? 'ONCE';
  return {
    code: readPromoCode(body['code'], 'code'),
    type,
    discount: readDiscount(type, body['discount'], currency),
    currency: currency?.code ?? null,
    startsAt,
    expires,
    maxRedemptions: given(body['maxRedemptions']) ? readWhole(body['maxRedemptions'], 'maxRedemptions', 1, 1_000_000_000) : null,
    maxPerCustomer: given(body['maxPerCustomer']) ? readWhole(body['maxPerCustomer'], 'maxPerCustomer', 1, 1_000_000) : 1,
    ...readMinimum(body, currency, currencies),
    firstTimeOnly: readFlag(body['firstTimeOnly'], 'firstTimeOnly'),
    services: readServices(body['services']),
    duration,
    durationMonths: readMonths(duration, body['durationMonths']),
  };
}

/**
 * The body an update makes: the stored promo with the changes laid over it, checked as a whole by
 * `checkPromo` (a new currency re-checks the discount's places, a new expiry the start, ...).
 */
export function updatedBody(current: PromoValues, changes: Record<string, unknown>): Record<string, unknown> {
  for (const field of FIXED_FIELDS) {
    if (given(changes[field]) && String(changes[field]).toUpperCase() !== current[field as 'code' | 'type']) {
      throw invalid(field, 'cannot change: create another promo code');
    }
  }
  const body: Record<string, unknown> = { ...toBody(current), ...changes };
  // Leaving REPEATING drops its months, rather than refusing the change for a field not sent.
  if (given(changes['duration']) && changes['duration'] !== 'REPEATING' && changes['durationMonths'] === undefined) {
    body['durationMonths'] = null;
  }
  return body;
}

function toBody(values: PromoValues): Record<string, unknown> {
  const { currency, ...rest } = values;
  return { ...rest, currencycode: currency };
}

function readDiscount(type: PromoType, value: unknown, currency: Currency | null): string {
  if (!given(value)) throw invalid('discount', 'is required');
  switch (type) {
    case 'PERCENTAGE': {
      const parsed = Percentage.parse(value, { min: 0, max: 100 });
      if (!parsed.ok) throw invalid('discount', `of a PERCENTAGE code ${parsed.reason}`);
      if (parsed.value.units === 0n) throw invalid('discount', 'of a PERCENTAGE code must be more than 0');
      if ((parsed.value.toString().split('.')[1] ?? '').length > PERCENT_PLACES) {
        throw invalid('discount', `of a PERCENTAGE code must have at most ${PERCENT_PLACES} decimal places`);
      }
      return parsed.value.toString();
    }
    case 'FIXED': {
      if (currency === null) throw invalid('currencycode', 'is required for a FIXED code: its discount is an amount in that currency');
      const parsed = Money.parse(value, currency);
      if (!parsed.ok) throw invalid('discount', `of a FIXED code ${parsed.reason}`);
      if (!parsed.value.isPositive()) throw invalid('discount', 'of a FIXED code must be more than 0');
      return parsed.value.toString();
    }
    case 'FREE_TRIAL':
      return String(readWhole(value, 'discount', 1, MAX_TRIAL_DAYS, 'of a FREE_TRIAL code (days) must be'));
  }
}

/** The minimum order amount, in its own currency or else the code's. */
function readMinimum(
  body: Record<string, unknown>,
  currency: Currency | null,
  currencies: ReadonlyMap<string, Currency>,
): Pick<PromoValues, 'minimumAmount' | 'minimumAmountCurrency'> {
  const named = readCurrency(body['minimumAmountCurrency'], 'minimumAmountCurrency', currencies);
  if (!given(body['minimumAmount'])) {
    if (named !== null) throw invalid('minimumAmountCurrency', 'is only used with a minimumAmount');
    return { minimumAmount: null, minimumAmountCurrency: null };
  }
  const minimumCurrency = named ?? currency;
  if (minimumCurrency === null) throw invalid('minimumAmountCurrency', 'is required with a minimumAmount (or a currencycode)');
  const parsed = Money.parse(body['minimumAmount'], minimumCurrency);
  if (!parsed.ok) throw invalid('minimumAmount', parsed.reason);
  if (!parsed.value.isPositive()) throw invalid('minimumAmount', 'must be more than 0');
  return { minimumAmount: parsed.value.toString(), minimumAmountCurrency: minimumCurrency.code };
}

function readCurrency(value: unknown, field: string, currencies: ReadonlyMap<string, Currency>): Currency | null {
  if (!given(value)) return null;
  const currency = typeof value === 'string' ? currencies.get(value.toUpperCase()) : undefined;
  if (!currency) throw invalid(field, 'must be one of the codes of /billing/currencies');
  return currency;
}

function readServices(value: unknown): string[] {
  if (!given(value)) return [];
  if (!Array.isArray(value) || value.length > MAX_SERVICES)
    throw invalid('services', `must be a list of at most ${MAX_SERVICES} product codes`);
  for (const code of value) {
    if (typeof code !== 'string' || !CODE.test(code))
      throw invalid('services', 'must list product codes (1 to 64 letters, digits, ".", "_" or "-")');
  }
  return [...new Set(value as string[])];
}

function readMonths(duration: PromoDuration, value: unknown): number | null {
  if (duration === 'REPEATING') {
    if (!given(value)) throw invalid('durationMonths', 'is required for a REPEATING code');
    return readWhole(value, 'durationMonths', 1, MAX_MONTHS);
  }
  if (given(value)) throw invalid('durationMonths', 'is only used with duration REPEATING');
  return null;
}

function readEnum<T extends string>(value: unknown, field: string, values: readonly T[], required: boolean): T | undefined {
  if (!given(value) && !required) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value))
    throw invalid(field, `must be one of ${values.join(', ')}`);
  return value as T;
}

function readWhole(value: unknown, field: string, min: number, max: number, what = 'must be'): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw invalid(field, `${what} a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function readFlag(value: unknown, field: string): boolean {
  if (!given(value)) return false;
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
}

const startOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`);

type Timing = Pick<PromoValues, 'startsAt' | 'expires' | 'maxRedemptions'> & { redemptions: number };

/** A code is usable from the start of its startsAt day through the end of its expires day, in UTC. */
export function promoStatus(promo: Timing, now: Date): PricingContracts.PromoStatus {
  if (promo.startsAt !== null && now.getTime() < startOfDay(promo.startsAt)) return 'SCHEDULED';
  if (now.getTime() >= startOfDay(promo.expires) + DAY_MS) return 'EXPIRED';
  if (promo.maxRedemptions !== null && promo.redemptions >= promo.maxRedemptions) return 'EXHAUSTED';
  return 'ACTIVE';
}

export type NotApplicableReason = 'EXPIRED' | 'NOT_STARTED' | 'EXHAUSTED' | 'CUSTOMER_LIMIT' | 'NOT_FIRST_TIME';

/** What decides whether one customer may use a code now. */
export interface CustomerStanding {
  /** The customer already holds a redemption of this code not yet used by a quote. */
  holdsPending: boolean;
  /** The customer's redemptions of this code so far. */
  uses: number;
  /** No redemption of any code and no accepted quote yet. */
  firstTime: boolean;
}

/**
 * Why the code cannot be used now (by this customer, when one is given), or undefined when it can.
 * A customer's pending redemption is a place already counted: the code stays theirs when it has
 * since run out, but not outside its dates.
 */
export function whyNotApplicable(
  promo: Timing & Pick<PromoValues, 'maxPerCustomer' | 'firstTimeOnly'>,
  now: Date,
  standing?: CustomerStanding,
): NotApplicableReason | undefined {
  const status = promoStatus(promo, now);
  if (status === 'SCHEDULED') return 'NOT_STARTED';
  if (status === 'EXPIRED') return 'EXPIRED';
  if (standing?.holdsPending) return undefined;
  if (status === 'EXHAUSTED') return 'EXHAUSTED';
  if (standing && standing.uses >= promo.maxPerCustomer) return 'CUSTOMER_LIMIT';
  if (standing && promo.firstTimeOnly && !standing.firstTime) return 'NOT_FIRST_TIME';
  return undefined;
}
