import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { PricingContracts } from '@billing/contracts';

const optional = (type: 'string' | 'integer', extra: { fieldName?: string; length?: number } = {}) =>
  ({ type, nullable: true, ...extra }) as const;

/**
 * A promo code of a tenant. Decimals are kept as exact text ("12.5", "10.00"), dates as YYYY-MM-DD
 * text (UTC days), so both engines store and compare them alike. `redemptions` is the counter the
 * redeemer increments under the row's lock; the table's check keeps it within `maxRedemptions`.
 */
@Entity({ tableName: 'promo_code' })
@TenantOwned()
export class PromoCodeEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Stored upper-case, unique in the tenant: an equality lookup of the upper-cased input ignores case. */
  @Property({ length: 40 })
  code!: string;

  @Property({ length: 16, type: 'string' })
  type!: PricingContracts.PromoType;

  @Property({ length: 40 })
  discount!: string;

  @Property(optional('string', { length: 3 }))
  currency?: string | null;

  @Property(optional('string', { fieldName: 'starts_at', length: 10 }))
  startsAt?: string | null;

  @Property({ length: 10 })
  expires!: string;

  @Property(optional('integer', { fieldName: 'max_redemptions' }))
  maxRedemptions?: number | null;

  @Property({ fieldName: 'max_per_customer', type: 'integer' })
  maxPerCustomer!: number;

  @Property({ type: 'integer' })
  redemptions: number = 0;

  @Property(optional('string', { fieldName: 'minimum_amount', length: 40 }))
  minimumAmount?: string | null;

  @Property(optional('string', { fieldName: 'minimum_amount_currency', length: 3 }))
  minimumAmountCurrency?: string | null;

  @Property({ fieldName: 'first_time_only', type: 'boolean' })
  firstTimeOnly!: boolean;

  /** Product codes the code is limited to; empty: every product. */
  @Property({ type: 'json' })
  services!: string[];

  @Property({ length: 16, type: 'string' })
  duration!: PricingContracts.PromoDuration;

  @Property(optional('integer', { fieldName: 'duration_months' }))
  durationMonths?: number | null;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();
}
