import { Money, type Currency } from '@billing/money';
import { DomainException, PricingErrorCode } from '@billing/contracts';
import type { PromoTerms } from '../promo/promo.redeemer.js';

/** What a quote needs of a promo code; the promo module has checked it is valid for the customer. */
export type QuotePromo = Omit<PromoTerms, 'id'>;

export interface PricedLine {
  productCode: string;
  amount: Money;
}

const notApplicable = (reason: string, message: string) => new DomainException(PricingErrorCode.PromoNotApplicable, message, { reason });

/**
 * Each line's share of the promo's discount. PERCENTAGE: that percent of the eligible lines'
 * total (lines already rounded), rounded half-up once. FIXED: the amount, capped at the eligible
 * lines' total. Either is spread over the eligible lines in proportion to their amounts, losing no
 * minor unit, so lines' discounts add up to the quote's. FREE_TRIAL gives days, not money.
 */
export function lineDiscounts(promo: QuotePromo | null, lines: readonly PricedLine[], currency: Currency): Money[] {
  const zero = Money.zero(currency);
  if (!promo) return lines.map(() => zero);
  const subtotal = Money.sum(
    lines.map((line) => line.amount),
    currency,
  );
  checkApplies(promo, subtotal, currency);
  const eligible = lines.map((line) => promo.services.length === 0 || promo.services.includes(line.productCode));
  const base = Money.sum(
    lines.filter((_, index) => eligible[index]).map((line) => line.amount),
    currency,
  );
  if (promo.services.length > 0 && !eligible.some(Boolean)) {
    throw notApplicable('NO_ELIGIBLE_LINES', `Promo code ${promo.code} applies only to ${promo.services.join(', ')}`);
  }
  const total = discountOn(promo, base, currency);
  if (total.isZero()) return lines.map(() => zero);
  const weights = lines.map((line, index) => (eligible[index] ? line.amount.toString() : '0'));
  return total.allocate(weights);
}

function discountOn(promo: QuotePromo, base: Money, currency: Currency): Money {
  switch (promo.type) {
    case 'PERCENTAGE':
      return base.percent(promo.discount);
    case 'FIXED': {
      const fixed = Money.of(promo.discount, currency.code, currency.minorUnits);
      return fixed.gt(base) ? base : fixed;
    }
    case 'FREE_TRIAL':
      return Money.zero(currency);
  }
}

function checkApplies(promo: QuotePromo, subtotal: Money, currency: Currency): void {
  if (promo.type === 'FIXED' && promo.currency !== currency.code) {
    throw notApplicable('CURRENCY', `Promo code ${promo.code} is an amount in ${promo.currency}, not ${currency.code}`);
  }
  if (promo.minimumAmount === null) return;
  if (promo.minimumAmountCurrency !== currency.code) {
    throw notApplicable(
      'CURRENCY',
      `Promo code ${promo.code} needs a minimum amount in ${promo.minimumAmountCurrency}, not ${currency.code}`,
    );
  }
  if (subtotal.lt(Money.of(promo.minimumAmount, currency.code, currency.minorUnits))) {
    throw notApplicable('MINIMUM_AMOUNT', `Promo code ${promo.code} needs a subtotal of at least ${promo.minimumAmount} ${currency.code}`);
  }
}
