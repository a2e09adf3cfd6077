import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { PricingContracts } from '@billing/contracts';

/** A configurable option of a product (RAM: 4/8/16 GB); its choices and their prices travel together. */
@Entity({ tableName: 'option_group' })
@TenantOwned()
export class OptionGroupEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'product_id', type: 'integer' })
  productId!: number;

  @Property({ length: 64 })
  code!: string;

  @Property({ length: 255 })
  name!: string;

  @Property({ type: 'json' })
  choices!: PricingContracts.OptionChoice[];
}
