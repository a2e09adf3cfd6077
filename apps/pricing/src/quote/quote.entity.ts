import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';

/** A quote's header; amounts are exact decimal text at the currency's minor units. EXPIRED is derived from valid_until, never stored. */
@Entity({ tableName: 'quote' })
@TenantOwned()
export class QuoteEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Gap-free per tenant: drawn from the tenant's sequence in the transaction that writes the quote. */
  @Property({ type: 'integer' })
  number!: number;

  @Property({ fieldName: 'customer_id', type: 'integer' })
  customerId!: number;

  @Property({ length: 3 })
  currency!: string;

  @Property({ length: 16, type: 'string' })
  status!: 'OPEN' | 'ACCEPTED' | 'DECLINED';

  /** YYYY-MM-DD, acceptable through the end of that day in UTC. */
  @Property({ fieldName: 'valid_until', length: 10, type: 'string', nullable: true })
  validUntil?: string | null;

  @Property({ fieldName: 'promo_id', type: 'integer', nullable: true })
  promoId?: number | null;

  @Property({ fieldName: 'promo_code', length: 40, type: 'string', nullable: true })
  promoCode?: string | null;

  @Property({ length: 40 })
  subtotal!: string;

  @Property({ fieldName: 'discount_total', length: 40 })
  discountTotal!: string;

  @Property({ length: 40 })
  total!: string;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'accepted_at', type: 'datetime', nullable: true })
  acceptedAt?: Date | null;

  @Property({ fieldName: 'declined_at', type: 'datetime', nullable: true })
  declinedAt?: Date | null;
}
