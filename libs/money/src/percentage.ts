import { compareScaled, formatTrimmed, readDecimal, requireDecimal, type DecimalInput, type Parsed } from './decimal-input.js';
import { MoneyError } from './money.error.js';

/** The range a percentage must fall in, both ends included; 0 to 100 unless given (a markup may exceed 100). */
export interface PercentageBounds {
  readonly min?: DecimalInput;
  readonly max?: DecimalInput;
}

/** An exact decimal percentage ("12.5" is 12.5 %). Applying it to money rounds, see `Money.percent`. */
export class Percentage {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  /** Reads a percentage, refusing (with the reason) anything that is not an exact decimal within the bounds. */
  static parse(value: unknown, bounds: PercentageBounds = {}): Parsed<Percentage> {
    const read = readDecimal(value);
    if (!read.ok) return read;
    const min = requireDecimal(bounds.min ?? 0, 'Percentage bound');
    const max = requireDecimal(bounds.max ?? 100, 'Percentage bound');
    if (compareScaled(read.value, min) < 0 || compareScaled(read.value, max) > 0) {
      return { ok: false, reason: `must be from ${bounds.min ?? 0} to ${bounds.max ?? 100} percent` };
    }
    return { ok: true, value: new Percentage(read.value.units, read.value.scale) };
  }

  /** Like `parse`, but throws a MoneyError. */
  static of(value: DecimalInput, bounds?: PercentageBounds): Percentage {
    const parsed = Percentage.parse(value, bounds);
    if (!parsed.ok) throw new MoneyError(`Percentage ${JSON.stringify(value)} ${parsed.reason}`);
    return parsed.value;
  }

  /** The shortest exact decimal ("12.5", "20"). */
  toString(): string {
    return formatTrimmed(this.units, this.scale);
  }

  toJSON(): string {
    return this.toString();
  }
}
