import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { PricingContracts } from '@billing/contracts';

/** A tenant's discount for a billing term; a term without a row has none. */
@Entity({ tableName: 'billing_term' })
@TenantOwned()
export class BillingTermEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ length: 16, type: 'string' })
  code!: PricingContracts.BillingTermCode;

  @Property({ fieldName: 'discount_percent', length: 16 })
  discountPercent!: string;
}
