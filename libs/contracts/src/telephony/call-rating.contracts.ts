import { defineMessage } from '../message.js';
import type { CallType } from './call-rate.contracts.js';

export interface CallToRate {
  number: unknown;
  duration: unknown;
  type?: unknown;
}

/** Every amount is a decimal string with five places ("0.17600"). */
export interface RatedCall {
  rate: { id: string; prefix: string; type: CallType };
  cost: string;
  breakdown: {
    billable_seconds: number;
    connect_fee: string;
    first_interval: string;
    further_intervals: { count: number; amount: string };
    subtotal: string;
    surcharge: string;
  };
}

export type BulkRatedItem = RatedCall | { error: { code: string; message: string } };

/** The most calls one bulk request may carry. */
export const MAX_BULK_CALLS = 10_000;

/**
 * How many calls the gateway puts in one NATS request: a rated call answers in about 350 bytes, and
 * a NATS message is limited to 1 MB by default, so a 10,000-call request travels as ten of these.
 */
export const BULK_CALLS_PER_MESSAGE = 1_000;

export const CallRating = defineMessage<CallToRate, RatedCall>('telephony.call.rate');
export const CallRatingBulk = defineMessage<{ items: unknown }, { items: BulkRatedItem[] }>('telephony.call.rate-bulk');
