import { Money } from '@billing/money';
import { DomainException } from '@billing/contracts';
import { lineDiscounts, type QuotePromo } from './quote.discount.js';

const USD = { code: 'USD', minorUnits: 2 };
const JPY = { code: 'JPY', minorUnits: 0 };
const promo = (over: Partial<QuotePromo>): QuotePromo => ({
  code: 'SAVE',
  type: 'PERCENTAGE',
  discount: '10',
  currency: null,
  services: [],
  minimumAmount: null,
  minimumAmountCurrency: null,
  ...over,
});
const lines = (currency: typeof USD, ...amounts: Array<[string, string]>) =>
  amounts.map(([productCode, amount]) => ({ productCode, amount: Money.of(amount, currency.code, currency.minorUnits) }));
const shown = (discounts: Money[]) => discounts.map(String);

describe('lineDiscounts', () => {
  it('PERCENTAGE: rounds the discount of the rounded lines once and spreads it without losing a cent', () => {
    expect(shown(lineDiscounts(promo({ discount: '15' }), lines(USD, ['a', '10.05'], ['b', '0.05']), USD))).toEqual(['1.51', '0.01']);
    expect(shown(lineDiscounts(promo({ discount: '33.3333' }), lines(JPY, ['a', '1000'], ['b', '1000'], ['c', '1']), JPY))).toEqual([
      '334',
      '333',
      '0',
    ]);
  });

  it('PERCENTAGE limited to services discounts only those lines', () => {
    expect(shown(lineDiscounts(promo({ discount: '50', services: ['b'] }), lines(USD, ['a', '10.00'], ['b', '3.33']), USD))).toEqual([
      '0.00',
      '1.67',
    ]);
  });

  it('FIXED: capped at the eligible lines, in the quote currency only', () => {
    const fixed = promo({ type: 'FIXED', discount: '25.00', currency: 'USD', services: ['a'] });
    expect(shown(lineDiscounts(fixed, lines(USD, ['a', '19.90'], ['b', '5.00']), USD))).toEqual(['19.90', '0.00']);
    expect(shown(lineDiscounts({ ...fixed, services: [] }, lines(USD, ['a', '10.00'], ['b', '30.00']), USD))).toEqual(['6.25', '18.75']);
    expect(() => lineDiscounts(fixed, lines(JPY, ['a', '100']), JPY)).toThrow(DomainException);
  });

  it('FREE_TRIAL takes no money off; a minimum amount must be met in the same currency', () => {
    expect(shown(lineDiscounts(promo({ type: 'FREE_TRIAL', discount: '14' }), lines(USD, ['a', '10.00']), USD))).toEqual(['0.00']);
    const minimum = promo({ minimumAmount: '50.00', minimumAmountCurrency: 'USD' });
    expect(() => lineDiscounts(minimum, lines(USD, ['a', '49.99']), USD)).toThrow('at least 50.00 USD');
    expect(shown(lineDiscounts(minimum, lines(USD, ['a', '50.00']), USD))).toEqual(['5.00']);
  });
});
