import { Decimal } from 'decimal.js';

/**
 * Amounts with a fixed number of decimal places, kept as scaled integers (BigInt) so that storage,
 * comparison and arithmetic are exact on every engine: SQLite has no exact decimal column type
 * (its NUMERIC stores binary floats), while a 64-bit integer is exact everywhere.
 */
export class FixedPoint {
  private readonly factor: bigint;

  constructor(
    /** Digits after the decimal point. */
    readonly scale: number,
    /** Accepted values are below this, in whole units. */
    readonly limit: number,
  ) {
    this.factor = 10n ** BigInt(scale);
  }

  /**
   * A decimal written as a JSON number or string into scaled units. Refuses (returns the reason)
   * anything that is not a finite, non-negative decimal with at most `scale` places: never rounds.
   */
  parse(value: unknown): { ok: true; units: bigint } | { ok: false; reason: string } {
    if (typeof value !== 'number' && typeof value !== 'string') return { ok: false, reason: 'must be a number' };
    if (typeof value === 'string' && !/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
      return { ok: false, reason: 'must be a number' };
    }
    let decimal: Decimal;
    try {
      decimal = new Decimal(value);
    } catch {
      return { ok: false, reason: 'must be a number' };
    }
    if (!decimal.isFinite()) return { ok: false, reason: 'must be a finite number' };
    if (decimal.isNegative() && !decimal.isZero()) return { ok: false, reason: 'must be >= 0' };
    if (decimal.decimalPlaces() > this.scale) return { ok: false, reason: `must have at most ${this.scale} decimal places` };
    if (decimal.greaterThanOrEqualTo(this.limit)) return { ok: false, reason: `must be less than ${this.limit}` };
    return { ok: true, units: BigInt(decimal.times(this.factor.toString()).toFixed(0)) };
  }

  /** Scaled units as the shortest exact decimal string ("0.1", "12", "0.00001"). */
  format(units: bigint | string | number): string {
    return new Decimal(units.toString()).dividedBy(this.factor.toString()).toFixed();
  }

  /** Scaled units as a decimal string with exactly `scale` places ("0.17600"); plain text work, it is hot. */
  formatFixed(units: bigint): string {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(this.scale + 1, '0');
    const point = digits.length - this.scale;
    return `${negative ? '-' : ''}${digits.slice(0, point)}${this.scale > 0 ? `.${digits.slice(point)}` : ''}`;
  }

  /**
   * Scaled units as a JSON number whose printed form is exactly the decimal: a double prints as the
   * shortest string that reads back to it, and with at most 15 significant digits that string is
   * the decimal itself. `limit` must keep values within those 15 digits.
   */
  toJsonNumber(units: bigint | string | number): number {
    return Number(this.format(units));
  }

  /** A decimal string of this scale (as `format` writes it) as a JSON number; see `toJsonNumber`. */
  decimalToJsonNumber(decimal: string): number {
    return Number(new Decimal(decimal).toFixed());
  }

  /** `units × (1 + rate)`, both at this scale, rounded half-up back to this scale (exact, in BigInt). */
  applyRate(units: bigint, rateUnits: bigint): bigint {
    const product = units * (this.factor + rateUnits); // at scale × 2
    return (product + this.factor / 2n) / this.factor;
  }
}

/** Call-rate amounts: five decimal places, up to 999,999,999.99999 (14 significant digits). */
export const RATE_AMOUNT = new FixedPoint(5, 1_000_000_000);
