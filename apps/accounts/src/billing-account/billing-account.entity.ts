import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';

/** A billing account; the hierarchy is a parent id per account (a tree, checked on every re-parent). */
@Entity({ tableName: 'billing_account' })
@TenantOwned()
export class BillingAccountEntity extends TenantOwnedEntity {
  /** Assigned by the database and never reused; the account number is derived from it. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ length: 255, type: 'string' })
  name!: string;

  @Property({ length: 3, type: 'string' })
  currency!: string;

  @Property({ fieldName: 'mrr_cents', type: 'bigint' })
  mrrCents!: string;

  @Property({ fieldName: 'parent_id', type: 'integer', nullable: true })
  parentId?: number | null;

  /** Index among the parent's children (0-based, gap-free); null for a root. */
  @Property({ type: 'integer', nullable: true })
  position?: number | null;

  @Property({ fieldName: 'customer_id', type: 'integer', nullable: true })
  customerId?: number | null;

  @Property({ fieldName: 'billing_day', type: 'integer' })
  billingDay!: number;

  @Property({ fieldName: 'payment_term_days', type: 'integer' })
  paymentTermDays!: number;

  /** IANA zone whose local billing day the bills follow; null for UTC. */
  @Property({ fieldName: 'time_zone', length: 64, type: 'string', nullable: true })
  timeZone?: string | null;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();
}
