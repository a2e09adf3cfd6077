import type { PricingContracts } from '@billing/contracts';
import type { PromoRedemptionEntity } from './promo-redemption.entity.js';
import type { PromoCodeEntity } from './promo.entity.js';
import { promoStatus, type PromoValues } from './promo.rules.js';

/** The stored promo as the checked values `checkPromo` makes, for an update to lay changes over. */
export function valuesOf(promo: PromoCodeEntity): PromoValues {
  return {
    code: promo.code,
    type: promo.type,
    discount: promo.discount,
    currency: promo.currency ?? null,
    startsAt: promo.startsAt ?? null,
    expires: promo.expires,
    maxRedemptions: promo.maxRedemptions ?? null,
    maxPerCustomer: promo.maxPerCustomer,
    minimumAmount: promo.minimumAmount ?? null,
    minimumAmountCurrency: promo.minimumAmountCurrency ?? null,
    firstTimeOnly: promo.firstTimeOnly,
    services: promo.services,
    duration: promo.duration,
    durationMonths: promo.durationMonths ?? null,
  };
}

/** The stored values with the counter: what status and applicability are computed from. */
export const stateOf = (promo: PromoCodeEntity) => ({ ...valuesOf(promo), redemptions: promo.redemptions });

export function toPromoCode(promo: PromoCodeEntity, now: Date): PricingContracts.PromoCode {
  const values = valuesOf(promo);
  return {
    id: promo.id,
    code: values.code,
    type: values.type,
    discount: values.discount,
    currencycode: values.currency,
    startsAt: values.startsAt,
    expires: values.expires,
    status: promoStatus(stateOf(promo), now),
    redemptions: promo.redemptions,
    maxRedemptions: values.maxRedemptions,
    maxPerCustomer: values.maxPerCustomer,
    minimumAmount: values.minimumAmount,
    minimumAmountCurrency: values.minimumAmountCurrency,
    firstTimeOnly: values.firstTimeOnly,
    services: values.services,
    duration: values.duration,
    durationMonths: values.durationMonths,
    createdAt: promo.createdAt.toISOString(),
    updatedAt: promo.updatedAt.toISOString(),
  };
}

export function toSummary(promo: PromoCodeEntity): PricingContracts.PromoSummary {
  return { code: promo.code, discount: promo.discount, currencycode: promo.currency ?? null, type: promo.type, expires: promo.expires };
}

export function toServicePromo(promo: PromoCodeEntity): PricingContracts.ServicePromo {
  return {
    id: promo.id,
    code: promo.code,
    type: promo.type,
    discount: promo.discount,
    currencycode: promo.currency ?? null,
    expires: promo.expires,
    services: promo.services,
  };
}

export function toRedemption(redemption: PromoRedemptionEntity, code: string): PricingContracts.PromoRedemption {
  return {
    id: redemption.id,
    promocode: code,
    customerid: redemption.customerId,
    quoteId: redemption.quoteId ?? null,
    redeemedAt: redemption.redeemedAt.toISOString(),
  };
}
