import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { PricingContracts } from '@billing/contracts';

/** A product of a tenant's catalogue. Retiring keeps the row (quotes and history point at it). */
@Entity({ tableName: 'product' })
@TenantOwned()
export class ProductEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Unique in the tenant, as typed. */
  @Property({ length: 64 })
  code!: string;

  @Property({ length: 255 })
  name!: string;

  @Property({ length: 2000, type: 'string', nullable: true })
  description?: string | null;

  @Property({ length: 32 })
  unit!: string;

  @Property({ fieldName: 'charge_type', length: 16, type: 'string' })
  chargeType!: PricingContracts.ChargeType;

  @Property({ length: 16, type: 'string' })
  status!: PricingContracts.ProductStatus;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ fieldName: 'retired_at', type: 'datetime', nullable: true })
  retiredAt?: Date | null;
}
