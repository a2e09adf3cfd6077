import { defineMessage } from '../message.js';

/** PERCENTAGE: discount is 0 < n <= 100. FIXED: an amount in currencycode. FREE_TRIAL: a number of days. */
export const PROMO_TYPES = ['PERCENTAGE', 'FIXED', 'FREE_TRIAL'] as const;
export type PromoType = (typeof PROMO_TYPES)[number];

/** How long a discount lasts on a subscription (Stripe's coupon duration). */
export const PROMO_DURATIONS = ['ONCE', 'REPEATING', 'FOREVER'] as const;
export type PromoDuration = (typeof PROMO_DURATIONS)[number];

export const PROMO_STATUSES = ['ACTIVE', 'SCHEDULED', 'EXPIRED', 'EXHAUSTED'] as const;
export type PromoStatus = (typeof PROMO_STATUSES)[number];

export interface PromoCode {
  id: number;
  /** As created (upper-case); looked up ignoring case. */
  code: string;
  type: PromoType;
  /** Decimal string: a percentage, an amount in currencycode, or days. */
  discount: string;
  currencycode: string | null;
  /** YYYY-MM-DD (UTC); null: valid from creation. */
  startsAt: string | null;
  /** YYYY-MM-DD: valid through the end of this day in UTC. */
  expires: string;
  status: PromoStatus;
  redemptions: number;
  maxRedemptions: number | null;
  maxPerCustomer: number;
  minimumAmount: string | null;
  minimumAmountCurrency: string | null;
  firstTimeOnly: boolean;
  /** Product codes the code is limited to (a campaign); empty: every product. */
  services: string[];
  duration: PromoDuration;
  durationMonths: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What validate answers: the document's fields. */
export interface PromoSummary {
  code: string;
  discount: string;
  currencycode: string | null;
  type: PromoType;
  expires: string;
}

export interface PromoRedemption {
  id: number;
  promocode: string;
  customerid: number;
  quoteId: number | null;
  redeemedAt: string;
}

export interface PromoTypeInfo {
  type: PromoType;
  name: string;
  description: string;
}

export interface ServicePromo {
  id: number;
  code: string;
  type: PromoType;
  discount: string;
  currencycode: string | null;
  expires: string;
  services: string[];
}

/** Bodies are as the client sent them; the service validates. */
export const PromoCreate = defineMessage<{ promo: Record<string, unknown> }, PromoCode>('pricing.promo.create');
export const PromoUpdate = defineMessage<{ id: number; changes: Record<string, unknown> }, PromoCode>('pricing.promo.update');
export const PromoList = defineMessage<Record<string, never>, { promocodes: PromoCode[] }>('pricing.promo.list');
/** With a customer, also checks that customer may still redeem it (per-customer limit, first-time only). */
export const PromoValidate = defineMessage<{ promocode: string; customerid?: number }, { promocode: PromoSummary }>(
  'pricing.promo.validate',
);
/** A redemption for the customer, exactly once: a repeat by the same customer answers the existing one. */
export const PromoAdd = defineMessage<{ promocode: string; customerid: number }, { redemption: PromoRedemption }>('pricing.promo.add');
export const PromoTypes = defineMessage<Record<string, never>, { promotypes: PromoTypeInfo[] }>('pricing.promo.types');
export const ServicePromoList = defineMessage<Record<string, never>, { servicepromos: ServicePromo[] }>('pricing.promo.services');
