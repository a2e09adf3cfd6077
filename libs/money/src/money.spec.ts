import { Money } from './money.js';
import { CurrencyMismatchError } from './money.error.js';
import { RoundingMode } from './rounding.js';

const { HALF_UP, HALF_EVEN, DOWN, CEILING, FLOOR } = RoundingMode;
const usd = (amount: string) => Money.of(amount, 'USD');
const strings = (amounts: Money[]) => amounts.map(String);

describe('Money', () => {
  describe('parsing', () => {
    it('reads strings and numbers exactly, at the currency minor units', () => {
      expect(Money.of('19.9', 'USD').toString()).toBe('19.90');
      expect(Money.of(0.1, 'EUR').units).toBe(10n);
      expect(Money.of('-0.05', 'USD').toString()).toBe('-0.05');
      expect(Money.of('1000', 'JPY').toString()).toBe('1000');
      expect(Money.of('1.234', 'BHD').toString()).toBe('1.234');
      expect(Money.of('0.5', 'CLF').toString()).toBe('0.5000');
      expect(Money.of('19.900', 'USD').toString()).toBe('19.90');
    });

    it('refuses, never rounds, more places than the currency has unless given a rounding mode', () => {
      expect(() => usd('1.005')).toThrow('Amount "1.005" must have at most 2 decimal places for USD');
      expect(() => Money.of('1.5', 'JPY')).toThrow('must have at most 0 decimal places for JPY');
      expect(() => Money.of('1.2345', 'KWD')).toThrow('at most 3 decimal places');
      expect(Money.of('1.005', 'USD', HALF_UP).toString()).toBe('1.01');
      expect(Money.of('1.005', 'USD', HALF_EVEN).toString()).toBe('1.00');
      expect(Money.of('2.5', 'JPY', HALF_EVEN).toString()).toBe('2');
      expect(Money.of('-1.239', 'USD', DOWN).toString()).toBe('-1.23');
    });

    it('rounds halves by the chosen mode: 2.345 and 2.355, positive and negative', () => {
      const at = (amount: string, mode: RoundingMode) => Money.of(amount, 'USD', mode).toString();
      expect([at('2.345', HALF_UP), at('2.345', HALF_EVEN), at('2.345', DOWN)]).toEqual(['2.35', '2.34', '2.34']);
      expect([at('2.355', HALF_UP), at('2.355', HALF_EVEN)]).toEqual(['2.36', '2.36']);
      expect([at('-2.345', HALF_UP), at('-2.345', HALF_EVEN), at('-2.345', DOWN)]).toEqual(['-2.35', '-2.34', '-2.34']);
      expect([at('-2.349', DOWN), at('-2.341', FLOOR), at('-2.349', CEILING)]).toEqual(['-2.34', '-2.35', '-2.34']);
    });

    it('refuses garbage with a reason instead of throwing when parsed', () => {
      const garbage = ['abc', '1e400', 'Infinity', '', true, false, null, undefined, {}];
      expect(garbage.filter((value) => Money.parse(value, 'USD').ok)).toEqual([]);
      expect(Money.parse('abc', 'USD')).toEqual({ ok: false, reason: 'must be a decimal number' });
      expect(Money.parse(true, 'USD')).toEqual({ ok: false, reason: 'must be a decimal number or string' });
      expect(Money.parse('1.005', 'USD')).toEqual({ ok: false, reason: 'must have at most 2 decimal places for USD' });
      expect(() => Money.of('abc', 'USD')).toThrow('Amount "abc" must be a decimal number');
    });

    it('takes the scale of a currency the table lacks from explicit minor units or a currency row', () => {
      expect(Money.of('1.5', 'XTS', 3).toString()).toBe('1.500');
      expect(Money.of('1.0005', 'XTS', 3, HALF_UP).toString()).toBe('1.001');
      expect(() => Money.of('1.0005', 'XTS', 3)).toThrow('at most 3 decimal places for XTS');
      expect(Money.of('7', { code: 'XTS', minorUnits: 1 }).toString()).toBe('7.0');
      expect(() => Money.of('1', 'XTS')).toThrow('Unknown currency XTS: give its minor units');
      expect(Money.fromUnits(-1234n, 'BHD').toString()).toBe('-1.234');
    });
  });

  describe('arithmetic', () => {
    it('adds decimals exactly: 0.1 + 0.2 = 0.30', () => {
      expect(usd('0.1').plus(usd('0.2')).toString()).toBe('0.30');
      expect(usd('0.1').plus(usd('0.2')).equals(usd('0.3'))).toBe(true);
      expect(usd('1.00').minus(usd('1.05')).toString()).toBe('-0.05');
    });

    it('stays exact beyond 2^53 minor units', () => {
      const big = usd('90071992547409.93'); // 2^53 + 1 cents
      expect(big.units).toBe(2n ** 53n + 1n);
      expect(big.plus(usd('0.01')).toString()).toBe('90071992547409.94');
      expect(usd('123456789012345678901234.56').plus(usd('0.01')).toString()).toBe('123456789012345678901234.57');
      expect(usd('123456789012345678901234.56').times('3').toString()).toBe('370370367037037036703703.68');
    });

    it('throws when currencies mix, naming both', () => {
      expect(() => usd('1').plus(Money.of('1', 'EUR'))).toThrow(CurrencyMismatchError);
      expect(() => usd('1').minus(Money.of('1', 'EUR'))).toThrow('Cannot combine amounts in different currencies: USD and EUR');
      expect(() => usd('1').lt(Money.of('1', 'GBP'))).toThrow(CurrencyMismatchError);
      expect(() => usd('1').plus(Money.of('1', 'USD', 3))).toThrow('USD (2 places) and USD (3 places)');
      expect(() => Money.sum([usd('1'), Money.of('1', 'EUR')], 'USD')).toThrow(CurrencyMismatchError);
    });

    it('multiplies by a decimal quantity, rounding once with the chosen mode', () => {
      expect(usd('19.99').times(3).toString()).toBe('59.97');
      expect(usd('10.00').times('0.3333').toString()).toBe('3.33');
      expect(usd('0.05').times('0.5').toString()).toBe('0.03');
      expect(usd('0.05').times('0.5', HALF_EVEN).toString()).toBe('0.02');
      expect(usd('0.05').times('0.5', DOWN).toString()).toBe('0.02');
      expect(usd('-0.05').times('0.5', FLOOR).toString()).toBe('-0.03');
      expect(usd('-0.05').times('0.5', CEILING).toString()).toBe('-0.02');
      expect(Money.of('100', 'JPY').times('1.005').toString()).toBe('101');
      expect(() => usd('1').times('abc')).toThrow('Quantity "abc" must be a decimal number');
    });

    it('negates, takes the absolute value and sums, an empty list included', () => {
      expect(usd('1.25').negate().toString()).toBe('-1.25');
      expect(usd('-1.25').abs().toString()).toBe('1.25');
      expect(usd('1.25').abs().toString()).toBe('1.25');
      expect(Money.sum([usd('0.1'), usd('0.2'), usd('-0.05')], 'USD').toString()).toBe('0.25');
      expect(Money.sum([], 'JPY').toString()).toBe('0');
    });
  });

  describe('percentages', () => {
    it('takes a percentage, rounding once with the chosen mode', () => {
      expect(usd('19.90').percent('12.5').toString()).toBe('2.49'); // 2.4875
      expect(usd('0.10').percent('25').toString()).toBe('0.03'); // 0.025
      expect(usd('0.10').percent('25', HALF_EVEN).toString()).toBe('0.02');
      expect(usd('-0.10').percent('25').toString()).toBe('-0.03');
      expect(Money.of('999', 'JPY').percent('10', DOWN).toString()).toBe('99');
    });

    it('discounts and taxes so that the parts add up to the whole', () => {
      expect(usd('19.99').applyDiscount('15').toString()).toBe('16.99'); // 19.99 - 3.00 (2.9985)
      expect(usd('19.99').addTax('19').toString()).toBe('23.79'); // 19.99 + 3.80 (3.7981)
      expect(usd('0.05').addTax('10', CEILING).toString()).toBe('0.06');
      expect(Money.of('1.000', 'BHD').addTax('10').toString()).toBe('1.100');
      expect(() => usd('1').applyDiscount('120')).toThrow('Percentage "120" must be from 0 to 100 percent');
    });
  });

  describe('allocation', () => {
    it('splits 100.00 into 3 parts without losing a cent', () => {
      expect(strings(usd('100.00').split(3))).toEqual(['33.34', '33.33', '33.33']);
      expect(strings(usd('-100.00').split(3))).toEqual(['-33.34', '-33.33', '-33.33']);
      expect(strings(Money.of('100', 'JPY').split(3))).toEqual(['34', '33', '33']);
      expect(strings(usd('0.02').split(3))).toEqual(['0.01', '0.01', '0.00']);
    });

    it('allocates by ratios, decimal ones included, and the parts add up to the total', () => {
      expect(strings(usd('100.00').allocate([1, 2, 3]))).toEqual(['16.67', '33.33', '50.00']);
      expect(strings(usd('0.05').allocate([3, 7]))).toEqual(['0.02', '0.03']);
      expect(strings(usd('10.00').allocate(['0.3', '0.7']))).toEqual(['3.00', '7.00']);
      expect(strings(usd('0.11').allocate([1, 1, 1, 7]))).toEqual(['0.01', '0.01', '0.01', '0.08']);
      const parts = Money.of('1.000', 'BHD').allocate(['33.3', '33.3', '33.4', '0']);
      expect(Money.sum(parts, 'BHD').toString()).toBe('1.000');
      expect(strings(parts)).toEqual(['0.333', '0.333', '0.334', '0.000']);
    });

    it('refuses ratios that cannot share anything', () => {
      expect(() => usd('1').allocate([])).toThrow('At least one ratio must be positive');
      expect(() => usd('1').allocate([0, 0])).toThrow('At least one ratio must be positive');
      expect(() => usd('1').allocate([1, -1])).toThrow('Ratios must not be negative');
      expect(() => usd('1').split(0)).toThrow('Parts must be a positive whole number, got 0');
      expect(() => usd('1').split(1.5)).toThrow('Parts must be a positive whole number');
    });
  });

  describe('comparison and printing', () => {
    it('compares amounts of one currency', () => {
      expect(usd('1.00').compare(usd('1'))).toBe(0);
      expect(usd('-1').lt(usd('0.01'))).toBe(true);
      expect(usd('2').gt(usd('1.99'))).toBe(true);
      expect(usd('2').gte(usd('2.00'))).toBe(true);
      expect(usd('2').lte(usd('1.99'))).toBe(false);
      expect(usd('0.00').isZero()).toBe(true);
      expect(usd('-0.01').isNegative()).toBe(true);
      expect(usd('0').isNegative()).toBe(false);
      expect(usd('0.01').isPositive()).toBe(true);
      expect(usd('1').equals(Money.of('1', 'EUR'))).toBe(false);
    });

    it('prints exactly the currency places, in JSON too, as a string', () => {
      expect(JSON.stringify({ total: usd('19.9'), fee: Money.of('1000', 'JPY'), vat: Money.of('-0.5', 'BHD') })).toBe(
        '{"total":"19.90","fee":"1000","vat":"-0.500"}',
      );
    });
  });
});
