import { MoneyError } from './money.error.js';

/** A currency and the digits of its minor unit, which are the places every amount in it has (USD 2, JPY 0). */
export interface Currency {
  readonly code: string;
  readonly minorUnits: number;
}

/** A currency code found in `ISO_MINOR_UNITS`, or a currency with its minor units given (e.g. a row of pricing's table). */
export type CurrencyLike = string | Currency;

/** ISO 4217 minor-unit digits of the currencies in common use. */
export const ISO_MINOR_UNITS: Readonly<Partial<Record<string, number>>> = Object.freeze({
  AED: 2,
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  PHP: 2,
  PLN: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TWD: 2,
  USD: 2,
  ZAR: 2,
  CLP: 0,
  ISK: 0,
  JPY: 0,
  KRW: 0,
  PYG: 0,
  UGX: 0,
  VND: 0,
  XAF: 0,
  XOF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
});

const CODE = /^[A-Z]{3}$/;
/** Enough for any fiat currency and for crypto-assets kept at their base unit (ETH 18). */
export const MAX_MINOR_UNITS = 18;

/**
 * The currency a code or a `{ code, minorUnits }` names. Explicit minor units win over the table,
 * so a currency it lacks (or a tenant's own) works; an unknown code without them is refused.
 */
export function currencyOf(currency: CurrencyLike, minorUnits?: number): Currency {
  const code = typeof currency === 'string' ? currency : currency.code;
  const units = typeof currency === 'string' ? (minorUnits ?? ISO_MINOR_UNITS[code]) : currency.minorUnits;
  if (!CODE.test(code)) throw new MoneyError(`Currency code must be three capital letters, got ${JSON.stringify(code)}`);
  if (units === undefined) throw new MoneyError(`Unknown currency ${code}: give its minor units`);
  if (!Number.isInteger(units) || units < 0 || units > MAX_MINOR_UNITS) {
    throw new MoneyError(`Minor units of ${code} must be a whole number from 0 to ${MAX_MINOR_UNITS}, got ${units}`);
  }
  return { code, minorUnits: units };
}
