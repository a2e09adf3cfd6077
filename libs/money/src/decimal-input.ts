import { Decimal } from 'decimal.js';
import { MoneyError } from './money.error.js';
import { RoundingMode, rescale } from './rounding.js';

/** An amount as written by a client: a decimal string ("19.90", "1.5e3") or a JSON number. */
export type DecimalInput = string | number;

/** An exact decimal as a scaled integer: `units / 10^scale`. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Inputs beyond these are refused: they are typing errors or attempts to make BigInt work hard, never prices. */
export const MAX_INTEGER_DIGITS = 30;
export const MAX_PLACES = 30;
/** A double prints back exactly as written only up to 15 significant digits; longer numbers must come as strings. */
const MAX_NUMBER_DIGITS = 15;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const LIMIT = new Decimal(10).pow(MAX_INTEGER_DIGITS);

/** Reads a decimal exactly, refusing (with the reason) anything that is not a finite decimal within the limits. */
export function readDecimal(value: unknown): Parsed<ScaledDecimal> {
  const decimal = toDecimal(value);
  if (typeof decimal === 'string') return { ok: false, reason: decimal };
  if (decimal.abs().gte(LIMIT)) return { ok: false, reason: `must be less than 10^${MAX_INTEGER_DIGITS} in absolute value` };
  if (decimal.decimalPlaces() > MAX_PLACES) return { ok: false, reason: `must have at most ${MAX_PLACES} decimal places` };
  if (typeof value === 'number' && decimal.sd() > MAX_NUMBER_DIGITS) {
    return { ok: false, reason: `has more than ${MAX_NUMBER_DIGITS} significant digits: send it as a string` };
  }
  const [whole, fraction = ''] = decimal.toFixed().split('.');
  return { ok: true, value: { units: BigInt(whole + fraction), scale: fraction.length } };
}

function toDecimal(value: unknown): Decimal | string {
  if (typeof value === 'string' && !DECIMAL_TEXT.test(value)) return 'must be a decimal number';
  if (typeof value !== 'string' && typeof value !== 'number') return 'must be a decimal number or string';
  try {
    const decimal = new Decimal(value);
    return decimal.isFinite() ? decimal : 'must be a finite number';
  } catch {
    return 'must be a decimal number';
  }
}

/**
 * A decimal at `scale` places. Without a rounding mode, a value needing more places is refused,
 * never rounded; with one, it is rounded once.
 */
export function toScale(decimal: ScaledDecimal, scale: number, rounding?: RoundingMode): Parsed<bigint> {
  if (decimal.scale > scale && rounding === undefined) {
    return { ok: false, reason: `must have at most ${scale} decimal places` };
  }
  // Without a mode no place is dropped, so the fallback mode is never applied.
  return { ok: true, value: rescale(decimal.units, decimal.scale, scale, rounding ?? RoundingMode.DOWN) };
}

/** Scaled units as a decimal string with exactly `scale` places ("19.90", "-0.05", "1000"). */
export function formatFixed(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, point)}${scale > 0 ? `.${digits.slice(point)}` : ''}`;
}

/** Scaled units with trailing zeros dropped, but never fewer than `minPlaces` places ("0.001", "12.5", "19.90"). */
export function formatTrimmed(units: bigint, scale: number, minPlaces = 0): string {
  let places = scale;
  while (places > minPlaces && units % 10n ** BigInt(scale - places + 1) === 0n) places -= 1;
  return formatFixed(rescale(units, scale, places, RoundingMode.DOWN), places);
}

/** Orders two exact decimals: -1, 0 or 1. */
export function compareScaled(a: ScaledDecimal, b: ScaledDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = rescale(a.units, a.scale, scale, RoundingMode.DOWN);
  const right = rescale(b.units, b.scale, scale, RoundingMode.DOWN);
  return left === right ? 0 : left < right ? -1 : 1;
}

/** `a × b` computed exactly, then rounded once to `scale` places. */
export function multiplyToScale(a: ScaledDecimal, b: ScaledDecimal, scale: number, rounding: RoundingMode): bigint {
  return rescale(a.units * b.units, a.scale + b.scale, scale, rounding);
}

/** Like `readDecimal`, but throws a MoneyError naming what was read. */
export function requireDecimal(value: unknown, what: string): ScaledDecimal {
  const read = readDecimal(value);
  if (!read.ok) throw new MoneyError(`${what} ${JSON.stringify(value)} ${read.reason}`);
  return read.value;
}
