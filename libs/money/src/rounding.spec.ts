import { Decimal } from 'decimal.js';
import { divideRounded, rescale, RoundingMode, type RoundingMode as Mode } from './rounding.js';

const { HALF_UP, HALF_EVEN, DOWN, UP, CEILING, FLOOR } = RoundingMode;
const ALL: Mode[] = [HALF_UP, HALF_EVEN, DOWN, UP, CEILING, FLOOR];

/** 2.345 etc. (thousandths) to hundredths. */
const toCents = (thousandths: bigint, mode: Mode) => rescale(thousandths, 3, 2, mode);

describe('rounding modes', () => {
  it('differ between half-up and half-even only at exactly one half', () => {
    expect(toCents(2345n, HALF_UP)).toBe(235n);
    expect(toCents(2345n, HALF_EVEN)).toBe(234n);
    expect(toCents(2355n, HALF_UP)).toBe(236n);
    expect(toCents(2355n, HALF_EVEN)).toBe(236n);
    expect(toCents(2346n, HALF_EVEN)).toBe(235n);
    expect(toCents(2344n, HALF_UP)).toBe(234n);
  });

  it('round a negative half away from zero (half-up) or to even, symmetrically with the positive one', () => {
    expect(toCents(-2345n, HALF_UP)).toBe(-235n);
    expect(toCents(-2345n, HALF_EVEN)).toBe(-234n);
    expect(toCents(-2355n, HALF_EVEN)).toBe(-236n);
    expect(toCents(-2344n, HALF_UP)).toBe(-234n);
  });

  it('truncate toward zero (DOWN), away from zero (UP), toward +∞ (CEILING) and toward −∞ (FLOOR)', () => {
    expect(ALL.map((mode) => toCents(2341n, mode))).toEqual([234n, 234n, 234n, 235n, 235n, 234n]);
    expect(ALL.map((mode) => toCents(-2341n, mode))).toEqual([-234n, -234n, -234n, -235n, -234n, -235n]);
    expect(ALL.map((mode) => toCents(-2349n, mode))).toEqual([-235n, -235n, -234n, -235n, -234n, -235n]);
  });

  it('leave a value that needs no rounding alone, in every mode', () => {
    for (const mode of ALL) {
      expect(toCents(-2340n, mode)).toBe(-234n);
      expect(toCents(0n, mode)).toBe(0n);
    }
    expect(rescale(7n, 0, 3, DOWN)).toBe(7000n);
  });

  it('divide with a negative divisor as with a negative dividend', () => {
    expect(divideRounded(7n, -2n, HALF_UP)).toBe(-4n);
    expect(divideRounded(-7n, -2n, HALF_EVEN)).toBe(4n);
    expect(divideRounded(5n, -2n, HALF_EVEN)).toBe(-2n);
    expect(divideRounded(7n, -2n, FLOOR)).toBe(-4n);
  });

  it('stay exact far beyond 2^53', () => {
    const huge = 10n ** 40n + 5n; // 10^39 + 0.5 at one place: an exact half
    expect(rescale(huge, 1, 0, HALF_UP)).toBe(10n ** 39n + 1n);
    expect(rescale(huge, 1, 0, HALF_EVEN)).toBe(10n ** 39n);
  });

  it('agree with decimal.js on every mode for many values', () => {
    const decimalMode: Record<Mode, Decimal.Rounding> = {
      HALF_UP: Decimal.ROUND_HALF_UP,
      HALF_EVEN: Decimal.ROUND_HALF_EVEN,
      DOWN: Decimal.ROUND_DOWN,
      UP: Decimal.ROUND_UP,
      CEILING: Decimal.ROUND_CEIL,
      FLOOR: Decimal.ROUND_FLOOR,
    };
    for (let units = -3000n; units <= 3000n; units += 7n) {
      for (const mode of ALL) {
        const expected = new Decimal(units.toString()).dividedBy(1000).toDecimalPlaces(1, decimalMode[mode]);
        expect(`${units}:${mode}:${rescale(units, 3, 1, mode)}`).toBe(`${units}:${mode}:${expected.times(10).toFixed(0)}`);
      }
    }
  });

  it('refuse a zero divisor and an unknown mode', () => {
    expect(() => divideRounded(1n, 0n, HALF_UP)).toThrow('Cannot divide by zero');
    expect(() => divideRounded(1n, 2n, 'HALF_ODD' as Mode)).toThrow('Unknown rounding mode HALF_ODD');
  });
});
