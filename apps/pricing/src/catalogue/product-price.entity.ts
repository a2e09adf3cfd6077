import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '@billing/persistence';
import { PriceColumns } from './price.columns.js';

/** A product's list price in one currency (one row per product and currency). */
@Entity({ tableName: 'product_price' })
@TenantOwned()
export class ProductPriceEntity extends PriceColumns {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;
}
