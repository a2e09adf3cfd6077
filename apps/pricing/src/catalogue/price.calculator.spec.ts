import type { PricingContracts } from '@billing/contracts';
import { charge } from './price.calculator.js';

const USD = { code: 'USD', minorUnits: 2 };
const JPY = { code: 'JPY', minorUnits: 0 };

const tiers = (mode: 'GRADUATED' | 'VOLUME', list: PricingContracts.PriceTier[]) => ({ mode, unitPrice: null, tiers: list });
/** 1-100 at 0.10, 101-1000 at 0.08 (+5.00 fee), then 0.05. */
const TIERS: PricingContracts.PriceTier[] = [
  { upTo: '100', unitPrice: '0.10', flatFee: null },
  { upTo: '1000', unitPrice: '0.08', flatFee: '5.00' },
  { upTo: null, unitPrice: '0.05', flatFee: null },
];

describe('charge', () => {
  it('multiplies a flat price exactly and rounds the charge once, half-up, to the currency', () => {
    expect(charge({ mode: 'FLAT', unitPrice: '0.001', tiers: null }, '1234', USD).toString()).toBe('1.23');
    expect(charge({ mode: 'FLAT', unitPrice: '0.005', tiers: null }, '1', USD).toString()).toBe('0.01');
    expect(charge({ mode: 'FLAT', unitPrice: '0.1', tiers: null }, '3', USD).toString()).toBe('0.30');
    expect(charge({ mode: 'FLAT', unitPrice: '199.5', tiers: null }, '3', JPY).toString()).toBe('599');
  });

  it('graduated: each tier prices the units inside it, its fee once any unit falls in it', () => {
    const graduated = tiers('GRADUATED', TIERS);
    expect(charge(graduated, '100', USD).toString()).toBe('10.00');
    expect(charge(graduated, '101', USD).toString()).toBe('15.08');
    expect(charge(graduated, '1000', USD).toString()).toBe('87.00');
    expect(charge(graduated, '1001', USD).toString()).toBe('87.05');
    expect(charge(graduated, '0', USD).toString()).toBe('0.00');
  });

  it('volume: the tier the whole quantity falls in prices every unit', () => {
    const volume = tiers('VOLUME', TIERS);
    expect(charge(volume, '100', USD).toString()).toBe('10.00');
    expect(charge(volume, '101', USD).toString()).toBe('13.08');
    expect(charge(volume, '1000', USD).toString()).toBe('85.00');
    expect(charge(volume, '1001', USD).toString()).toBe('50.05');
  });

  it('adds per-unit option prices before the one rounding', () => {
    expect(charge({ mode: 'FLAT', unitPrice: '10.004', tiers: null }, '1', USD, ['0.003']).toString()).toBe('10.01');
  });
});
