import { defineMessage } from '../message.js';

export const CHARGE_TYPES = ['RECURRING', 'USAGE', 'ONE_OFF'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

/** FLAT: one unit price. GRADUATED: each tier prices the units inside it. VOLUME: the tier the total falls in prices every unit. */
export const PRICE_MODES = ['FLAT', 'GRADUATED', 'VOLUME'] as const;
export type PriceMode = (typeof PRICE_MODES)[number];

export const PRODUCT_STATUSES = ['ACTIVE', 'RETIRED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Every decimal travels as a string ("19.90", "0.001"): exact, never a binary float. */
export interface PriceTier {
  /** The last unit of the tier (inclusive); null on the last, open-ended tier. */
  upTo: string | null;
  unitPrice: string;
  /** Charged once when any unit falls in the tier (GRADUATED), or once for the total (VOLUME). */
  flatFee: string | null;
}

export interface Price {
  currency: string;
  mode: PriceMode;
  /** Set when mode is FLAT. */
  unitPrice: string | null;
  /** Set when mode is GRADUATED or VOLUME. */
  tiers: PriceTier[] | null;
}

export interface Product {
  code: string;
  name: string;
  description: string | null;
  unit: string;
  chargeType: ChargeType;
  status: ProductStatus;
  prices: Price[];
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
}

export interface ProductListRequest {
  /** Absent: active products only. */
  status?: ProductStatus | 'ALL';
  offset: number;
  limit: number;
}

export interface ProductList {
  products: Product[];
  matches: number;
}

/** A product's price for one customer: the customer's own, or the list price. */
export interface EffectivePrice extends Price {
  productCode: string;
  productName: string;
  unit: string;
  chargeType: ChargeType;
  source: 'LIST' | 'CUSTOMER';
}

export interface CustomerPricing {
  customerId: number;
  prices: EffectivePrice[];
}

/** Bodies are as the client sent them; the service validates. */
export const ProductCreate = defineMessage<{ product: Record<string, unknown> }, Product>('pricing.product.create');
export const ProductList = defineMessage<ProductListRequest, ProductList>('pricing.product.list');
export const ProductGet = defineMessage<{ code: string }, Product>('pricing.product.get');
export const ProductUpdate = defineMessage<{ code: string; changes: Record<string, unknown> }, Product>('pricing.product.update');
/** Retired products keep their prices and history, leave price lists and cannot be quoted. */
export const ProductRetire = defineMessage<{ code: string }, Product>('pricing.product.retire');

/** Sets (replaces) a customer's own price of a product in one currency; the customer must exist in the caller's tenant. */
export const CustomerPriceSet = defineMessage<{ customerId: number; productCode: string; price: Record<string, unknown> }, EffectivePrice>(
  'pricing.customer-price.set',
);
/** Removes a customer's own prices of a product (one currency, or all): the list price applies again. */
export const CustomerPriceRemove = defineMessage<{ customerId: number; productCode: string; currency?: string }, CustomerPricing>(
  'pricing.customer-price.remove',
);
/** Every active product's effective price in every currency it has, for one customer. */
export const PricingGet = defineMessage<{ customerId: number }, CustomerPricing>('pricing.pricing.get');
