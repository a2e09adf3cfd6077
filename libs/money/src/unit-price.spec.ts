import { RoundingMode } from './rounding.js';
import { UnitPrice } from './unit-price.js';

const { HALF_UP, HALF_EVEN, DOWN, CEILING } = RoundingMode;

describe('UnitPrice', () => {
  it('keeps more places than the currency, up to six by default', () => {
    expect(UnitPrice.of('0.001', 'USD').toString()).toBe('0.001');
    expect(UnitPrice.of('0.000125', 'USD').toString()).toBe('0.000125');
    expect(UnitPrice.of('19.9', 'USD').toString()).toBe('19.90');
    expect(UnitPrice.of('3', 'JPY').toString()).toBe('3');
    expect(UnitPrice.of('0.25', 'JPY').toString()).toBe('0.25');
    expect(JSON.stringify({ price: UnitPrice.of('0.0015', 'EUR') })).toBe('{"price":"0.0015"}');
  });

  it('refuses, never rounds, more places than allowed unless given a rounding mode', () => {
    expect(UnitPrice.parse('0.0000001', 'USD')).toEqual({ ok: false, reason: 'must have at most 6 decimal places' });
    expect(() => UnitPrice.of('0.0015', 'USD', { places: 3 })).toThrow('Unit price "0.0015" must have at most 3 decimal places');
    expect(UnitPrice.of('0.0015', 'USD', { places: 3, rounding: HALF_EVEN }).toString()).toBe('0.002');
    expect(UnitPrice.of('0.00000049', 'USD', { rounding: HALF_UP }).toString()).toBe('0.00');
    expect(UnitPrice.parse('abc', 'USD')).toEqual({ ok: false, reason: 'must be a decimal number' });
    expect(() => UnitPrice.of('1', 'USD', { places: 1 })).toThrow('Unit price places must be a whole number from 2 to 18, got 1');
  });

  it('charges quantity × price computed exactly, then rounded once to the currency', () => {
    const perCall = UnitPrice.of('0.001', 'USD');
    expect(perCall.times(1).toString()).toBe('0.00');
    expect(perCall.times(1, CEILING).toString()).toBe('0.01');
    expect(perCall.times(12_345).toString()).toBe('12.35'); // 12.345
    expect(perCall.times(12_345, HALF_EVEN).toString()).toBe('12.34');
    expect(perCall.times(12_345, DOWN).toString()).toBe('12.34');
    expect(perCall.times('-12345').toString()).toBe('-12.35');
    // Rounding the price per unit first would charge 1,000,000 × 0.00 = 0.00
    expect(UnitPrice.of('0.000004', 'USD').times('1000000').toString()).toBe('4.00');
    expect(UnitPrice.of('0.0004', 'KWD').times('2.5').toString()).toBe('0.001');
    expect(UnitPrice.of('0.4', 'JPY').times(3).toString()).toBe('1');
  });

  it('stays exact for quantities beyond 2^53', () => {
    const quantity = (2n ** 60n).toString();
    expect(UnitPrice.of('0.000001', 'USD').times(quantity).toString()).toBe('1152921504606.85'); // 1152921504606.846976
  });

  it('charges in its own currency, including one the table lacks', () => {
    const charge = UnitPrice.of('0.0005', { code: 'XTS', minorUnits: 3 }).times(3);
    expect([charge.currency, charge.scale, charge.toString()]).toEqual(['XTS', 3, '0.002']);
  });
});
