import { ValidationException } from '@billing/contracts';
import { readPrice, readQuantity } from './price.rules.js';

const USD = { code: 'USD', minorUnits: 2 };
const JPY = { code: 'JPY', minorUnits: 0 };

const fails = (run: () => unknown, field: string) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).details).toEqual({ field });
    return;
  }
  throw new Error(`expected ${field} to be refused`);
};

describe('readPrice', () => {
  it('keeps a unit price finer than the currency, exactly as written', () => {
    expect(readPrice({ unitPrice: '0.001' }, USD)).toEqual({ mode: 'FLAT', unitPrice: '0.001', tiers: null });
    expect(readPrice({ unitPrice: '19.9' }, USD)).toEqual({ mode: 'FLAT', unitPrice: '19.90', tiers: null });
    expect(readPrice({ unitPrice: '0.5' }, JPY)).toEqual({ mode: 'FLAT', unitPrice: '0.5', tiers: null });
  });

  it('refuses more than 6 places, negative prices and text', () => {
    fails(() => readPrice({ unitPrice: '0.0000001' }, USD), 'price.unitPrice');
    fails(() => readPrice({ unitPrice: '-1' }, USD), 'price.unitPrice');
    fails(() => readPrice({ unitPrice: 'ten' }, USD), 'price.unitPrice');
    fails(() => readPrice({}, USD), 'price.unitPrice');
  });

  it('reads tiers that rise strictly and end open-ended, with fees at the currency places', () => {
    const price = readPrice(
      {
        mode: 'VOLUME',
        tiers: [
          { upTo: 10, unitPrice: '1', flatFee: '2.5' },
          { upTo: null, unitPrice: '0.5' },
        ],
      },
      USD,
    );
    expect(price.tiers).toEqual([
      { upTo: '10', unitPrice: '1.00', flatFee: '2.50' },
      { upTo: null, unitPrice: '0.50', flatFee: null },
    ]);
  });

  it('refuses tiers without a mode, falling bounds, a closed last tier, and fees finer than the currency', () => {
    fails(() => readPrice({ tiers: [{ upTo: null, unitPrice: '1' }] }, USD), 'price.mode');
    const tier = (upTo: unknown, unitPrice = '1', flatFee?: string) => ({ upTo, unitPrice, flatFee });
    fails(() => readPrice({ mode: 'GRADUATED', tiers: [tier('10'), tier('5'), tier(null)] }, USD), 'price.tiers[1].upTo');
    fails(() => readPrice({ mode: 'GRADUATED', tiers: [tier('10')] }, USD), 'price.tiers[0].upTo');
    fails(() => readPrice({ mode: 'GRADUATED', tiers: [tier(null), tier(null)] }, USD), 'price.tiers[0].upTo');
    fails(() => readPrice({ mode: 'GRADUATED', tiers: [tier(null, '1', '0.5')] }, JPY), 'price.tiers[0].flatFee');
    fails(() => readPrice({ mode: 'FLAT', unitPrice: '1', tiers: [tier(null)] }, USD), 'price.tiers');
  });
});

describe('readQuantity', () => {
  it('reads positive decimals exactly and refuses zero, negatives and exponents', () => {
    expect(readQuantity('1.50', 'quantity')).toBe('1.5');
    expect(readQuantity(3, 'quantity')).toBe('3');
    fails(() => readQuantity('0', 'quantity'), 'quantity');
    fails(() => readQuantity('-1', 'quantity'), 'quantity');
    fails(() => readQuantity('1e3', 'quantity'), 'quantity');
    fails(() => readQuantity('0.0000001', 'quantity'), 'quantity');
  });
});
