import { allocateUnits } from './allocation.js';
import { currencyOf, type CurrencyLike } from './currency-units.js';
import { formatFixed, multiplyToScale, readDecimal, requireDecimal, toScale, type DecimalInput, type Parsed } from './decimal-input.js';
import { CurrencyMismatchError, MoneyError } from './money.error.js';
import { Percentage } from './percentage.js';
import { RoundingMode, rescale } from './rounding.js';

/**
 * An immutable, signed amount of one currency, exact at the currency's minor units (`units` of
 * 10^-scale: cents for USD, yen for JPY, fils for BHD). Amounts of different currencies never mix:
 * arithmetic and ordering across them throw a CurrencyMismatchError. Every operation that can
 * fall between two cents takes a rounding mode; parsing refuses extra places unless given one.
 */
export class Money {
  private constructor(
    /** The amount in minor units. */
    readonly units: bigint,
    /** The currency code. */
    readonly currency: string,
    /** The currency's minor-unit digits: the places of every amount in it. */
    readonly scale: number,
  ) {}

  /**
   * Reads an amount exactly, refusing (with the reason) anything that is not a finite decimal
   * with at most the currency's places; with a rounding mode, extra places are rounded instead.
   * An unknown currency throws: it is the caller's data, not the client's amount.
   */
  static parse(value: unknown, currency: CurrencyLike, rounding?: RoundingMode): Parsed<Money> {
    const { code, minorUnits } = currencyOf(currency);
    const read = readDecimal(value);
    if (!read.ok) return read;
    const units = toScale(read.value, minorUnits, rounding);
    if (!units.ok) return { ok: false, reason: `${units.reason} for ${code}` };
    return { ok: true, value: new Money(units.value, code, minorUnits) };
  }

  /** Like `parse`, but throws a MoneyError; `minorUnits` names the scale of a currency the ISO table lacks. */
  static of(amount: DecimalInput, currency: CurrencyLike, rounding?: RoundingMode): Money;
  static of(amount: DecimalInput, code: string, minorUnits: number, rounding?: RoundingMode): Money;
  static of(amount: DecimalInput, currency: CurrencyLike, third?: number | RoundingMode, fourth?: RoundingMode): Money {
    const explicit = typeof third === 'number' && typeof currency === 'string';
    const resolved = explicit ? currencyOf(currency, third) : currencyOf(currency);
    const parsed = Money.parse(amount, resolved, explicit ? fourth : (third as RoundingMode | undefined));
    if (!parsed.ok) throw new MoneyError(`Amount ${JSON.stringify(amount)} ${parsed.reason}`);
    return parsed.value;
  }

  /** An amount already in minor units, e.g. as stored in an integer column. */
  static fromUnits(units: bigint, currency: CurrencyLike): Money {
    const { code, minorUnits } = currencyOf(currency);
    return new Money(units, code, minorUnits);
  }

  static zero(currency: CurrencyLike): Money {
    return Money.fromUnits(0n, currency);
  }

  /** The total of `amounts`, all in `currency` (named so that an empty list has one too). */
  static sum(amounts: Iterable<Money>, currency: CurrencyLike): Money {
    let total = Money.zero(currency);
    for (const amount of amounts) total = total.plus(amount);
    return total;
  }

  plus(other: Money): Money {
    return this.with(this.units + this.same(other).units);
  }

  minus(other: Money): Money {
    return this.with(this.units - this.same(other).units);
  }

  /** This amount × an exact decimal quantity (any places), rounded once to the currency's places. */
  times(quantity: DecimalInput, rounding: RoundingMode = RoundingMode.HALF_UP): Money {
    return this.with(multiplyToScale(this, requireDecimal(quantity, 'Quantity'), this.scale, rounding));
  }

  /** `percentage` % of this amount, rounded once to the currency's places. A plain value must be 0–100. */
  percent(percentage: Percentage | DecimalInput, rounding: RoundingMode = RoundingMode.HALF_UP): Money {
    const p = percentage instanceof Percentage ? percentage : Percentage.of(percentage);
    return this.with(rescale(this.units * p.units, this.scale + p.scale + 2, this.scale, rounding));
  }

  /** This amount less `percentage` % of it; the discount is rounded, so discount + result = this amount. */
  applyDiscount(percentage: Percentage | DecimalInput, rounding: RoundingMode = RoundingMode.HALF_UP): Money {
    return this.minus(this.percent(percentage, rounding));
  }

  /** This net amount plus `percentage` % tax; the tax is rounded, so net + tax = result. */
  addTax(percentage: Percentage | DecimalInput, rounding: RoundingMode = RoundingMode.HALF_UP): Money {
    return this.plus(this.percent(percentage, rounding));
  }

  /** Splits this amount by non-negative ratios (decimals), losing no minor unit: see `allocateUnits`. */
  allocate(ratios: readonly DecimalInput[]): Money[] {
    const read = ratios.map((ratio) => requireDecimal(ratio, 'Ratio'));
    if (read.some((ratio) => ratio.units < 0n)) throw new MoneyError('Ratios must not be negative');
    const scale = Math.max(0, ...read.map((ratio) => ratio.scale));
    const weights = read.map((ratio) => rescale(ratio.units, ratio.scale, scale, RoundingMode.DOWN));
    if (!weights.some((weight) => weight > 0n)) throw new MoneyError('At least one ratio must be positive');
    return allocateUnits(this.units, weights).map((units) => this.with(units));
  }

  /** Splits this amount into `parts` near-equal amounts, the larger ones first (100.00 / 3 = 33.34, 33.33, 33.33). */
  split(parts: number): Money[] {
    if (!Number.isSafeInteger(parts) || parts < 1) throw new MoneyError(`Parts must be a positive whole number, got ${parts}`);
    return this.allocate(Array.from({ length: parts }, () => 1));
  }

  negate(): Money {
    return this.with(-this.units);
  }

  abs(): Money {
    return this.units < 0n ? this.negate() : this;
  }

  /** -1, 0 or 1; throws across currencies, where no order exists. */
  compare(other: Money): -1 | 0 | 1 {
    const theirs = this.same(other).units;
    return this.units === theirs ? 0 : this.units < theirs ? -1 : 1;
  }

  /** Same currency and same amount; amounts of different currencies are simply not equal. */
  equals(other: Money): boolean {
    return this.currency === other.currency && this.scale === other.scale && this.units === other.units;
  }

  lt(other: Money): boolean {
    return this.compare(other) < 0;
  }

  lte(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  gt(other: Money): boolean {
    return this.compare(other) > 0;
  }

  gte(other: Money): boolean {
    return this.compare(other) >= 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  isPositive(): boolean {
    return this.units > 0n;
  }

  /** The amount with exactly the currency's places ("19.90", "-0.05", "1000" for JPY). */
  toString(): string {
    return formatFixed(this.units, this.scale);
  }

  /** A string, not a number: a JSON number would invite binary-float parsing of money. */
  toJSON(): string {
    return this.toString();
  }

  private with(units: bigint): Money {
    return new Money(units, this.currency, this.scale);
  }

  private same(other: Money): Money {
    if (other.currency === this.currency && other.scale === this.scale) return other;
    const sameCode = other.currency === this.currency;
    throw new CurrencyMismatchError(label(this, sameCode), label(other, sameCode));
  }
}

/** A currency as an error names it; with its places when two scales of one code clash. */
function label(money: Money, withScale: boolean): string {
  return withScale ? `${money.currency} (${money.scale} places)` : money.currency;
}
