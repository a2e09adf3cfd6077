import { Decimal } from 'decimal.js';
import type { PricingContracts } from '@billing/contracts';
import { Money, RoundingMode, type Currency } from '@billing/money';

/** Enough digits that no tier sum is ever rounded before the one rounding of the charge. */
const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

interface PriceLike {
  mode: PricingContracts.PriceMode;
  unitPrice?: string | null;
  tiers?: PricingContracts.PriceTier[] | null;
}

/**
 * What `quantity` units cost at a price, rounded once, half-up, to the currency's minor units.
 * FLAT: quantity × unit price. GRADUATED: each tier prices the units that fall inside it, plus its
 * flat fee when any unit does (Stripe's and Lago's "graduated"). VOLUME: the tier the whole quantity
 * falls in prices every unit, plus its flat fee. No units cost nothing, whatever the fees.
 */
export function charge(price: PriceLike, quantity: string, currency: Currency, extraPerUnit: readonly string[] = []): Money {
  const units = new Exact(quantity);
  let exact = exactCharge(price, units);
  for (const extra of extraPerUnit) exact = exact.plus(new Exact(extra).times(units));
  return Money.of(exact.toFixed(), currency.code, currency.minorUnits, RoundingMode.HALF_UP);
}

function exactCharge(price: PriceLike, units: Decimal): Decimal {
  if (units.isZero()) return new Exact(0);
  if (price.mode === 'FLAT') return new Exact(price.unitPrice!).times(units);
  const tiers = price.tiers!;
  if (price.mode === 'VOLUME') {
    const tier = tiers.find((t) => t.upTo === null || units.lte(t.upTo)) ?? tiers[tiers.length - 1]!;
    return new Exact(tier.unitPrice).times(units).plus(tier.flatFee ?? 0);
  }
  let total = new Exact(0);
  let below = new Exact(0);
  for (const tier of tiers) {
    const top = tier.upTo === null ? units : Exact.min(units, tier.upTo);
    if (top.lte(below)) break;
    total = total.plus(new Exact(tier.unitPrice).times(top.minus(below))).plus(tier.flatFee ?? 0);
    below = top;
  }
  return total;
}
