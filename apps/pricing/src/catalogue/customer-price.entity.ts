import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '@billing/persistence';
import { PriceColumns } from './price.columns.js';

/** A customer's own price of a product in one currency; it wins over the list price. */
@Entity({ tableName: 'customer_price' })
@TenantOwned()
export class CustomerPriceEntity extends PriceColumns {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** A customer of the accounts service (document 001), checked there when the price is set. */
  @Property({ fieldName: 'customer_id', type: 'integer' })
  customerId!: number;

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();
}
