import { DomainException, PricingErrorCode } from '@billing/contracts';
import type { NotApplicableReason } from './promo.rules.js';

export const promoNotFound = (what: string | number) =>
  new DomainException(PricingErrorCode.PromoNotFound, `Promo code ${String(what).slice(0, 64)} not found`);

export const promoCodeTaken = (code: string) =>
  new DomainException(PricingErrorCode.PromoCodeTaken, `A promo code ${code} already exists (codes are unique ignoring case)`, { code });

export const promoConflict = (message: string) => new DomainException(PricingErrorCode.PromoConflict, message);

interface Described {
  code: string;
  startsAt?: string | null;
  expires: string;
  maxRedemptions?: number | null;
  maxPerCustomer: number;
}

const MESSAGES: Record<NotApplicableReason, (promo: Described) => string> = {
  EXPIRED: (p) => `Promo code ${p.code} has expired (valid through ${p.expires})`,
  NOT_STARTED: (p) => `Promo code ${p.code} is not valid yet (starts ${p.startsAt})`,
  EXHAUSTED: (p) => `Promo code ${p.code} is exhausted (all ${p.maxRedemptions} redemptions used)`,
  CUSTOMER_LIMIT: (p) => `Promo code ${p.code} has already been used by this customer (at most ${p.maxPerCustomer} per customer)`,
  NOT_FIRST_TIME: (p) => `Promo code ${p.code} is for first-time customers only`,
};

/** The message says which rule failed; details.reason names it for programs. */
export const promoNotApplicable = (promo: Described, reason: NotApplicableReason) =>
  new DomainException(PricingErrorCode.PromoNotApplicable, MESSAGES[reason](promo), { reason, code: promo.code });
