import { FixedPoint, RATE_AMOUNT } from './fixed-point.js';

describe('FixedPoint (5 places)', () => {
  it('parses numbers and strings exactly into scaled units', () => {
    expect(RATE_AMOUNT.parse(0.1)).toEqual({ ok: true, units: 10000n });
    expect(RATE_AMOUNT.parse('0.12345')).toEqual({ ok: true, units: 12345n });
    expect(RATE_AMOUNT.parse(12)).toEqual({ ok: true, units: 1200000n });
    expect(RATE_AMOUNT.parse('1e-5')).toEqual({ ok: true, units: 1n });
    expect(RATE_AMOUNT.parse(999999999.99999)).toEqual({ ok: true, units: 99999999999999n });
  });

  it('refuses, never rounds, anything outside the rules', () => {
    expect(RATE_AMOUNT.parse(0.123456)).toEqual({ ok: false, reason: 'must have at most 5 decimal places' });
    expect(RATE_AMOUNT.parse('0.123450000000000000001')).toMatchObject({ ok: false });
    expect(RATE_AMOUNT.parse(-0.1)).toEqual({ ok: false, reason: 'must be >= 0' });
    expect(RATE_AMOUNT.parse('abc')).toMatchObject({ ok: false });
    expect(RATE_AMOUNT.parse('Infinity')).toMatchObject({ ok: false });
    expect(RATE_AMOUNT.parse(true)).toMatchObject({ ok: false });
    expect(RATE_AMOUNT.parse(1e12)).toMatchObject({ ok: false });
  });

  it('prints the exact decimal, as a string and as a JSON number', () => {
    expect(RATE_AMOUNT.format(12300n)).toBe('0.123');
    expect(RATE_AMOUNT.formatFixed(17600n)).toBe('0.17600');
    expect(RATE_AMOUNT.formatFixed(0n)).toBe('0.00000');
    expect(RATE_AMOUNT.formatFixed(532400n)).toBe('5.32400');
    expect(RATE_AMOUNT.formatFixed(123456789012345n)).toBe('1234567890.12345');
    expect(RATE_AMOUNT.formatFixed(-1n)).toBe('-0.00001');
    expect(new FixedPoint(0, 10).formatFixed(7n)).toBe('7');
    expect(JSON.stringify({ v: RATE_AMOUNT.toJsonNumber(12300n) })).toBe('{"v":0.123}');
    expect(JSON.stringify({ v: RATE_AMOUNT.toJsonNumber(99999999999999n) })).toBe('{"v":999999999.99999}');
    expect(JSON.stringify({ v: RATE_AMOUNT.toJsonNumber(1n) })).toBe('{"v":0.00001}');
  });

  it('applies a surcharge with half-up rounding to five places', () => {
    // (0.02 + 0.1 + 0.04) × 1.1 = 0.176
    expect(RATE_AMOUNT.formatFixed(RATE_AMOUNT.applyRate(16000n, 10000n))).toBe('0.17600');
    // 0.00001 × 1.5 = 0.000015 → 0.00002 (half up)
    expect(RATE_AMOUNT.applyRate(1n, 50000n)).toBe(2n);
    // 0.00001 × 1.49999 = 0.0000149999 → 0.00001
    expect(RATE_AMOUNT.applyRate(1n, 49999n)).toBe(1n);
    expect(new FixedPoint(2, 100).applyRate(333n, 0n)).toBe(333n);
  });
});
