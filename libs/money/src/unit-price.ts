import { currencyOf, type CurrencyLike } from './currency-units.js';
import { formatTrimmed, multiplyToScale, readDecimal, requireDecimal, toScale, type DecimalInput, type Parsed } from './decimal-input.js';
import { Money } from './money.js';
import { MoneyError } from './money.error.js';
import { RoundingMode } from './rounding.js';

/** Places a unit price may have unless told otherwise: enough for 0.000125 per API call. */
export const DEFAULT_UNIT_PRICE_PLACES = 6;
const MAX_UNIT_PRICE_PLACES = 18;

export interface UnitPriceOptions {
  /** The most places the price may have; at least the currency's minor units. */
  readonly places?: number;
  /** Rounds a price with more places instead of refusing it. */
  readonly rounding?: RoundingMode;
}

/**
 * A price per unit, which may have more places than its currency (0.001 USD per call). It is
 * never rounded by itself: only a charge, quantity × price, is rounded, once, to the currency.
 */
export class UnitPrice {
  private constructor(
    /** The price in units of 10^-scale. */
    readonly units: bigint,
    /** The places the price is kept at (its `places` option). */
    readonly scale: number,
    /** The currency code. */
    readonly currency: string,
    /** The currency's minor-unit digits: the places of a charge. */
    readonly minorUnits: number,
  ) {}

  /** Reads a price exactly, refusing (with the reason) anything with more than `places` places unless a rounding mode is given. */
  static parse(value: unknown, currency: CurrencyLike, options: UnitPriceOptions = {}): Parsed<UnitPrice> {
    const { code, minorUnits } = currencyOf(currency);
    const places = options.places ?? Math.max(DEFAULT_UNIT_PRICE_PLACES, minorUnits);
    if (!Number.isInteger(places) || places < minorUnits || places > MAX_UNIT_PRICE_PLACES) {
      throw new MoneyError(`Unit price places must be a whole number from ${minorUnits} to ${MAX_UNIT_PRICE_PLACES}, got ${places}`);
    }
    const read = readDecimal(value);
    if (!read.ok) return read;
    const units = toScale(read.value, places, options.rounding);
    return units.ok ? { ok: true, value: new UnitPrice(units.value, places, code, minorUnits) } : units;
  }

  /** Like `parse`, but throws a MoneyError. */
  static of(value: DecimalInput, currency: CurrencyLike, options?: UnitPriceOptions): UnitPrice {
    const parsed = UnitPrice.parse(value, currency, options);
    if (!parsed.ok) throw new MoneyError(`Unit price ${JSON.stringify(value)} ${parsed.reason}`);
    return parsed.value;
  }

  /** The charge for `quantity` units: the exact product, rounded once to the currency's places. */
  times(quantity: DecimalInput, rounding: RoundingMode = RoundingMode.HALF_UP): Money {
    const units = multiplyToScale(this, requireDecimal(quantity, 'Quantity'), this.minorUnits, rounding);
    return Money.fromUnits(units, { code: this.currency, minorUnits: this.minorUnits });
  }

  /** The exact price, trailing zeros dropped down to the currency's places ("0.001", "19.90"). */
  toString(): string {
    return formatTrimmed(this.units, this.scale, this.minorUnits);
  }

  toJSON(): string {
    return this.toString();
  }
}
