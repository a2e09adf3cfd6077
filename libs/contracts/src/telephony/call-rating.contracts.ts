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

export const CallRating = defineMessage<CallToRate, RatedCall>('telephony.call.rate');
export const CallRatingBulk = defineMessage<{ items: unknown }, { items: BulkRatedItem[] }>('telephony.call.rate-bulk');
