import { compareScaled, formatFixed, formatTrimmed, readDecimal, toScale } from './decimal-input.js';
import { RoundingMode } from './rounding.js';

describe('readDecimal', () => {
  it('reads strings and numbers exactly as scaled integers', () => {
    expect(readDecimal('19.90')).toEqual({ ok: true, value: { units: 199n, scale: 1 } });
    expect(readDecimal('-0.05')).toEqual({ ok: true, value: { units: -5n, scale: 2 } });
    expect(readDecimal(0.1)).toEqual({ ok: true, value: { units: 1n, scale: 1 } });
    expect(readDecimal('1.5e3')).toEqual({ ok: true, value: { units: 1500n, scale: 0 } });
    expect(readDecimal('+.5')).toEqual({ ok: true, value: { units: 5n, scale: 1 } });
    expect(readDecimal('-0')).toEqual({ ok: true, value: { units: 0n, scale: 0 } });
    expect(readDecimal('123456789012345678901234567.891')).toEqual({
      ok: true,
      value: { units: 123456789012345678901234567891n, scale: 3 },
    });
  });

  it('refuses garbage, non-finite and out-of-range values, and numbers a double cannot carry exactly', () => {
    const garbage = [
      'abc',
      '',
      ' 1',
      '1,5',
      '0x10',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e',
      '1.2.3',
      true,
      false,
      null,
      undefined,
      {},
      [1],
      10n,
    ];
    expect(garbage.filter((value) => readDecimal(value).ok)).toEqual([]);
    expect(readDecimal(Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'must be a finite number' });
    expect(readDecimal(Number.NaN)).toEqual({ ok: false, reason: 'must be a finite number' });
    expect(readDecimal('1e400')).toEqual({ ok: false, reason: 'must be less than 10^30 in absolute value' });
    expect(readDecimal('-1e30')).toMatchObject({ ok: false });
    expect(readDecimal('1e99999999999999999999')).toMatchObject({ ok: false });
    expect(readDecimal('1e-400')).toEqual({ ok: false, reason: 'must have at most 30 decimal places' });
    expect(readDecimal(0.1 + 0.2)).toEqual({ ok: false, reason: 'has more than 15 significant digits: send it as a string' });
    expect(readDecimal('0.30000000000000004')).toMatchObject({ ok: true });
  });
});

describe('toScale', () => {
  const read = (text: string) => (readDecimal(text) as { ok: true; value: { units: bigint; scale: number } }).value;

  it('widens exactly and refuses, never rounds, extra places without a mode', () => {
    expect(toScale(read('1.5'), 2)).toEqual({ ok: true, value: 150n });
    expect(toScale(read('1.500'), 2)).toEqual({ ok: true, value: 150n });
    expect(toScale(read('1.005'), 2)).toEqual({ ok: false, reason: 'must have at most 2 decimal places' });
    expect(toScale(read('1.005'), 2, RoundingMode.HALF_UP)).toEqual({ ok: true, value: 101n });
    expect(toScale(read('1.005'), 2, RoundingMode.HALF_EVEN)).toEqual({ ok: true, value: 100n });
  });
});

describe('formatting', () => {
  it('prints exactly the given places, with the sign', () => {
    expect(formatFixed(1990n, 2)).toBe('19.90');
    expect(formatFixed(-5n, 2)).toBe('-0.05');
    expect(formatFixed(1000n, 0)).toBe('1000');
    expect(formatFixed(1n, 3)).toBe('0.001');
  });

  it('drops trailing zeros but keeps a minimum of places', () => {
    expect(formatTrimmed(1000n, 6, 2)).toBe('0.001');
    expect(formatTrimmed(19900000n, 6, 2)).toBe('19.90');
    expect(formatTrimmed(125n, 1)).toBe('12.5');
    expect(formatTrimmed(2000n, 2)).toBe('20');
    expect(formatTrimmed(-1500n, 3, 0)).toBe('-1.5');
  });

  it('orders decimals of different scales', () => {
    expect(compareScaled({ units: 15n, scale: 1 }, { units: 150n, scale: 2 })).toBe(0);
    expect(compareScaled({ units: 15n, scale: 1 }, { units: 151n, scale: 2 })).toBe(-1);
    expect(compareScaled({ units: -1n, scale: 0 }, { units: -101n, scale: 2 })).toBe(1);
  });
});
