import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { TelephonyContracts } from '@billing/contracts';

/**
 * Property names are document 004's field names, so filters and sort keys map one to one. Amounts
 * are integers in units of 0.00001 (see RATE_AMOUNT), read back as strings to stay exact.
 */
@Entity({ tableName: 'call_rate' })
@TenantOwned()
export class CallRateEntity extends TenantOwnedEntity {
  /** A time-ordered 64-bit snowflake as 20 zero-padded digits; the API shows it base64-encoded. */
  @PrimaryKey({ length: 20, type: 'string' })
  id!: string;

  @Property({ length: 64, type: 'string' })
  prefix!: string;

  @Property({ length: 16, type: 'string' })
  type!: TelephonyContracts.CallType;

  @Property({ type: 'integer' })
  free_seconds!: number;

  @Property({ type: 'integer' })
  grace_period!: number;

  @Property({ type: 'integer' })
  interval_1!: number;

  @Property({ type: 'integer' })
  interval_n!: number;

  @Property({ type: 'bigint' })
  connect_fee!: string;

  @Property({ type: 'bigint' })
  postcall_surcharge!: string;

  @Property({ type: 'bigint' })
  price_1!: string;

  @Property({ type: 'bigint' })
  price_n!: string;

  @Property({ length: 1024, type: 'string', nullable: true })
  description?: string | null;

  @Property({ type: 'datetime' })
  created_at: Date = new Date();

  @Property({ type: 'datetime' })
  updated_at: Date = new Date();
}
