import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';

/**
 * One use of a promo code by a customer: added to the customer (quote null, "pending") or made by
 * accepting a quote. The sequence numbers exist for the unique indexes that make a double count
 * impossible even if the row lock were bypassed: `sequenceNo` is the promo's nth redemption, so no
 * two rows share one increment of the counter; `customerSequenceNo` is the customer's nth use of
 * this code, so two racing uses cannot both take the customer's last slot.
 */
@Entity({ tableName: 'promo_redemption' })
@TenantOwned()
export class PromoRedemptionEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'promo_id', type: 'integer' })
  promoId!: number;

  @Property({ fieldName: 'customer_id', type: 'integer' })
  customerId!: number;

  @Property({ fieldName: 'quote_id', type: 'integer', nullable: true })
  quoteId?: number | null;

  @Property({ fieldName: 'sequence_no', type: 'integer' })
  sequenceNo!: number;

  @Property({ fieldName: 'customer_sequence_no', type: 'integer' })
  customerSequenceNo!: number;

  @Property({ fieldName: 'redeemed_at', type: 'datetime' })
  redeemedAt: Date = new Date();
}
