import { rateCall } from './call-rating.js';
import type { RateEntry } from './prefix-index.js';

/** The worked example: 44, grace 5, free 0, 60/30 s, 0.1/0.04, connect 0.02, surcharge 10%. */
const UK: RateEntry = {
  id: 'NDI=',
  prefix: '44',
  type: 'INTERNATIONAL',
  free_seconds: 0,
  grace_period: 5,
  interval_1: 60,
  interval_n: 30,
  connect_fee: 2000n,
  postcall_surcharge: 10000n,
  price_1: 10000n,
  price_n: 4000n,
};

describe('rateCall', () => {
  it.each([
    [0, '0.00000'],
    [5, '0.00000'], // exactly the grace period: not charged
    [6, '0.13200'], // (0.02 + 0.1) × 1.1
    [60, '0.13200'], // exactly one interval
    [61, '0.17600'], // one second past it: one further interval
    [90, '0.17600'],
    [91, '0.22000'],
    [3600, '5.32400'], // 0.02 + 0.1 + ceil(3540 / 30) × 0.04 = 4.84, × 1.1
  ])('a %i-second call costs %s', (duration, cost) => {
    expect(rateCall(UK, duration).cost).toBe(cost);
  });

  it('explains the cost', () => {
    expect(rateCall(UK, 61)).toEqual({
      rate: { id: 'NDI=', prefix: '44', type: 'INTERNATIONAL' },
      cost: '0.17600',
      breakdown: {
        billable_seconds: 61,
        connect_fee: '0.02000',
        first_interval: '0.10000',
        further_intervals: { count: 1, amount: '0.04000' },
        subtotal: '0.16000',
        surcharge: '0.01600',
      },
    });
  });

  it('charges only the connect fee when the free seconds cover the call', () => {
    const rate = { ...UK, free_seconds: 120 };
    expect(rateCall(rate, 100)).toMatchObject({ cost: '0.02200', breakdown: { billable_seconds: 0, first_interval: '0.00000' } });
    expect(rateCall(rate, 121)).toMatchObject({ cost: '0.13200', breakdown: { billable_seconds: 1 } });
  });

  it('rounds the surcharge half-up to five places, in exact arithmetic', () => {
    const tiny = { ...UK, grace_period: 0, connect_fee: 0n, price_1: 1n, interval_1: 1, price_n: 1n, interval_n: 1 };
    expect(rateCall({ ...tiny, postcall_surcharge: 50000n }, 1).cost).toBe('0.00002'); // 0.000015 → up
    expect(rateCall({ ...tiny, postcall_surcharge: 49999n }, 1).cost).toBe('0.00001'); // 0.0000149999 → down
    // 0.1 + 0.2 in binary floating point is 0.30000000000000004; here it is 0.3.
    const decimal = { ...tiny, price_1: 10000n, price_n: 20000n, postcall_surcharge: 0n };
    expect(rateCall(decimal, 2).cost).toBe('0.30000');
  });
});
