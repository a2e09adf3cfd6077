import type { TelephonyContracts } from '@billing/contracts';
import { RATE_AMOUNT } from '@billing/money';
import type { RateEntry } from './prefix-index.js';

const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);
const money = (units: bigint) => RATE_AMOUNT.formatFixed(units);

/**
 * Rates one call, all in exact fixed-point arithmetic (BigInt units of 0.00001):
 *  - duration <= grace_period: not charged;
 *  - billable = max(0, duration - free_seconds); usage 0 when nothing is billable, otherwise
 *    price_1 for the first interval_1 seconds (a part counts whole) plus price_n for each further
 *    interval_n seconds or part of one;
 *  - cost = (connect_fee + usage) × (1 + postcall_surcharge), rounded half-up to five places.
 * docs/telephony.md has worked examples.
 */
export function rateCall(rate: RateEntry, duration: number): TelephonyContracts.RatedCall {
  const charged = duration > rate.grace_period;
  const billable = charged ? Math.max(0, duration - rate.free_seconds) : 0;
  const further = billable > 0 ? ceilDiv(Math.max(0, billable - rate.interval_1), rate.interval_n) : 0;
  const firstInterval = billable > 0 ? rate.price_1 : 0n;
  const furtherAmount = BigInt(further) * rate.price_n;
  const connectFee = charged ? rate.connect_fee : 0n;
  const subtotal = connectFee + firstInterval + furtherAmount;
  const cost = RATE_AMOUNT.applyRate(subtotal, rate.postcall_surcharge);
  return {
    rate: { id: rate.id, prefix: rate.prefix, type: rate.type },
    cost: money(cost),
    breakdown: {
      billable_seconds: billable,
      connect_fee: money(connectFee),
      first_interval: money(firstInterval),
      further_intervals: { count: further, amount: money(furtherAmount) },
      subtotal: money(subtotal),
      surcharge: money(cost - subtotal),
    },
  };
}
