import { Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '@billing/persistence';
import type { PricingContracts } from '@billing/contracts';

/**
 * A price in one currency, as list prices and customer prices both keep it. Decimals are kept as
 * their exact text ("0.001"): SQLite has no exact decimal column, and nothing sums them in SQL.
 */
export abstract class PriceColumns extends TenantOwnedEntity {
  @Property({ fieldName: 'product_id', type: 'integer' })
  productId!: number;

  @Property({ length: 3 })
  currency!: string;

  @Property({ length: 16, type: 'string' })
  mode!: PricingContracts.PriceMode;

  @Property({ fieldName: 'unit_price', length: 40, type: 'string', nullable: true })
  unitPrice?: string | null;

  @Property({ type: 'json', nullable: true })
  tiers?: PricingContracts.PriceTier[] | null;
}
