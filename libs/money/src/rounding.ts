import { MoneyError } from './money.error.js';

/**
 * How a value that falls between two representable amounts is resolved. The half modes only
 * differ at exactly one half; HALF_UP rounds a half away from zero (-2.345 → -2.35), as Java's
 * RoundingMode and decimal.js do, so positive and negative amounts round symmetrically.
 */
export const RoundingMode = {
  /** Nearest; a half goes away from zero. The usual commercial rounding. */
  HALF_UP: 'HALF_UP',
  /** Nearest; a half goes to the even neighbour (banker's rounding), so halves do not drift upward in sums. */
  HALF_EVEN: 'HALF_EVEN',
  /** Toward zero: truncation. */
  DOWN: 'DOWN',
  /** Away from zero. */
  UP: 'UP',
  /** Toward positive infinity. */
  CEILING: 'CEILING',
  /** Toward negative infinity. */
  FLOOR: 'FLOOR',
} as const;
export type RoundingMode = (typeof RoundingMode)[keyof typeof RoundingMode];

/** `numerator / denominator` as an integer, rounded by `mode`; exact for any size (BigInt). */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new MoneyError('Cannot divide by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const magnitude = roundsAway(n % d, d, quotient, negative, mode) ? quotient + 1n : quotient;
  return negative ? -magnitude : magnitude;
}

/** Whether the magnitude of a quotient with this (non-negative) remainder moves one step away from zero. */
function roundsAway(remainder: bigint, divisor: bigint, quotient: bigint, negative: boolean, mode: RoundingMode): boolean {
  if (remainder === 0n) return false;
  switch (mode) {
    case RoundingMode.DOWN:
      return false;
    case RoundingMode.UP:
      return true;
    case RoundingMode.CEILING:
      return !negative;
    case RoundingMode.FLOOR:
      return negative;
    case RoundingMode.HALF_UP:
    case RoundingMode.HALF_EVEN: {
      const twice = remainder * 2n;
      if (twice !== divisor) return twice > divisor;
      return mode === RoundingMode.HALF_UP || quotient % 2n === 1n;
    }
    default:
      throw new MoneyError(`Unknown rounding mode ${String(mode)}`);
  }
}

/** Scaled integer `units` (at `fromScale` places) at `toScale` places, rounded by `mode` when places are dropped. */
export function rescale(units: bigint, fromScale: number, toScale: number, mode: RoundingMode): bigint {
  if (toScale >= fromScale) return units * 10n ** BigInt(toScale - fromScale);
  return divideRounded(units, 10n ** BigInt(fromScale - toScale), mode);
}
