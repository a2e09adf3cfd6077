import type { PricingContracts } from '@billing/contracts';
import type { PriceColumns } from './price.columns.js';
import type { ProductEntity } from './product.entity.js';

export function toPrice(row: PriceColumns): PricingContracts.Price {
  return { currency: row.currency, mode: row.mode, unitPrice: row.unitPrice ?? null, tiers: row.tiers ?? null };
}

export function toProduct(product: ProductEntity, prices: readonly PriceColumns[]): PricingContracts.Product {
  return {
    code: product.code,
    name: product.name,
    description: product.description ?? null,
    unit: product.unit,
    chargeType: product.chargeType,
    status: product.status,
    prices: [...prices].sort((a, b) => a.currency.localeCompare(b.currency)).map(toPrice),
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    retiredAt: product.retiredAt?.toISOString() ?? null,
  };
}

export function toEffectivePrice(
  product: ProductEntity,
  price: PriceColumns,
  source: 'LIST' | 'CUSTOMER',
): PricingContracts.EffectivePrice {
  return {
    productCode: product.code,
    productName: product.name,
    unit: product.unit,
    chargeType: product.chargeType,
    source,
    ...toPrice(price),
  };
}
