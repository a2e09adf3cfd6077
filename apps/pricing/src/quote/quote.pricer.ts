import type { EntityManager } from '@mikro-orm/core';
import { Decimal } from 'decimal.js';
import { DomainException, PricingErrorCode, ValidationException } from '@billing/contracts';
import { Money, type Currency } from '@billing/money';
import { CustomerPriceEntity } from '../catalogue/customer-price.entity.js';
import { OptionGroupEntity } from '../catalogue/option-group.entity.js';
import type { PriceColumns } from '../catalogue/price.columns.js';
import { charge } from '../catalogue/price.calculator.js';
import { UNIT_PRICE_PLACES } from '../catalogue/price.rules.js';
import { ProductPriceEntity } from '../catalogue/product-price.entity.js';
import { ProductEntity } from '../catalogue/product.entity.js';
import { productNotFound } from '../catalogue/product.service.js';
import type { QuoteLineRequest } from './quote.rules.js';

export interface PricedQuoteLine {
  product: ProductEntity;
  quantity: string;
  options: Record<string, string>;
  unitPrice: string;
  amount: Money;
}

/**
 * Prices a quote's lines for one customer in one currency, reading every product, price and option
 * the lines name in a few queries: the customer's own price wins over the list price, a chosen
 * option's price is added per unit, and each line's amount is rounded once to the currency.
 */
export async function priceLines(
  em: EntityManager,
  customerId: number,
  currency: Currency,
  lines: readonly QuoteLineRequest[],
): Promise<PricedQuoteLine[]> {
  const codes = [...new Set(lines.map((line) => line.productCode))];
  const products = await em.find(ProductEntity, { code: { $in: codes } });
  const ids = products.map((product) => product.id);
  const [listPrices, customerPrices, groups] = await Promise.all([
    em.find(ProductPriceEntity, { productId: { $in: ids }, currency: currency.code }),
    em.find(CustomerPriceEntity, { customerId, productId: { $in: ids }, currency: currency.code }),
    em.find(OptionGroupEntity, { productId: { $in: ids } }),
  ]);
  return lines.map((line, index) => {
    const product = products.find((p) => p.code === line.productCode);
    if (!product) throw productNotFound(line.productCode);
    if (product.status === 'RETIRED') {
      throw new DomainException(PricingErrorCode.ProductRetired, `Product ${product.code} is retired and cannot be quoted`);
    }
    const price = customerPrices.find((p) => p.productId === product.id) ?? listPrices.find((p) => p.productId === product.id);
    if (!price) throw new DomainException(PricingErrorCode.NoPrice, `Product ${product.code} has no price in ${currency.code}`);
    const extras = optionPrices(product, groups, line.options, currency, `lines[${index}].options`);
    const amount = charge(price, line.quantity, currency, extras);
    return {
      product,
      quantity: line.quantity,
      options: line.options,
      unitPrice: unitPriceOf(price, line.quantity, amount, extras, currency),
      amount,
    };
  });
}

function optionPrices(
  product: ProductEntity,
  groups: readonly OptionGroupEntity[],
  chosen: Record<string, string>,
  currency: Currency,
  field: string,
): string[] {
  return Object.entries(chosen).map(([groupCode, choiceCode]) => {
    const group = groups.find((g) => g.productId === product.id && g.code === groupCode);
    if (!group)
      throw new ValidationException(`${field}.${groupCode} is not an option of ${product.code}`, { field: `${field}.${groupCode}` });
    const choice = group.choices.find((c) => c.code === choiceCode);
    if (!choice) {
      throw new ValidationException(`${field}.${groupCode} must be one of ${group.choices.map((c) => c.code).join(', ')}`, {
        field: `${field}.${groupCode}`,
      });
    }
    const price = choice.prices.find((p) => p.currency === currency.code);
    if (!price)
      throw new DomainException(
        PricingErrorCode.NoPrice,
        `Option ${groupCode} ${choiceCode} of ${product.code} has no price in ${currency.code}`,
      );
    return price.unitPrice;
  });
}

/** A flat price shows as itself plus its options; a tiered one as what a unit cost on average, to the price's places. */
function unitPriceOf(price: PriceColumns, quantity: string, amount: Money, extras: readonly string[], currency: Currency): string {
  const exact =
    price.mode === 'FLAT'
      ? extras.reduce((sum, extra) => sum.plus(extra), new Decimal(price.unitPrice!))
      : new Decimal(amount.toString()).dividedBy(quantity).toDecimalPlaces(UNIT_PRICE_PLACES, Decimal.ROUND_HALF_UP);
  const places = Math.max(exact.decimalPlaces(), currency.minorUnits);
  return exact.toFixed(places);
}
