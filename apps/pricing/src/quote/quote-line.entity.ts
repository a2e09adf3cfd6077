import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';

/** A line as priced when the quote was made: later price changes do not alter it. */
@Entity({ tableName: 'quote_line' })
@TenantOwned()
export class QuoteLineEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'quote_id', type: 'integer' })
  quoteId!: number;

  @Property({ fieldName: 'line_number', type: 'integer' })
  lineNumber!: number;

  @Property({ fieldName: 'product_id', type: 'integer' })
  productId!: number;

  @Property({ fieldName: 'product_code', length: 64 })
  productCode!: string;

  @Property({ fieldName: 'product_name', length: 255 })
  productName!: string;

  @Property({ fieldName: 'charge_type', length: 16 })
  chargeType!: string;

  @Property({ length: 40 })
  quantity!: string;

  @Property({ type: 'json' })
  options!: Record<string, string>;

  @Property({ fieldName: 'unit_price', length: 40 })
  unitPrice!: string;

  @Property({ length: 40 })
  amount!: string;

  @Property({ length: 40 })
  discount!: string;
}
