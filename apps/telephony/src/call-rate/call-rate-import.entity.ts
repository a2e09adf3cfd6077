import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { TelephonyContracts } from '@billing/contracts';
import { NotAudited, TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { CsvReaderState } from './call-rate.csv-reader.js';

/**
 * An import whose file comes in parts. Kept in the database, not in memory, because each part may
 * reach a different telephony replica; the reader's state carries the unfinished record.
 */
@Entity({ tableName: 'call_rate_import' })
@TenantOwned()
@NotAudited()
export class CallRateImportEntity extends TenantOwnedEntity {
  @PrimaryKey({ length: 36, type: 'string' })
  id!: string;

  /** Parts read so far: the next one must be this number. */
  @Property({ type: 'integer' })
  parts: number = 0;

  @Property({ type: 'json' })
  reader!: CsvReaderState;

  @Property({ type: 'datetime' })
  created_at: Date = new Date();
}

/**
 * One data record of an import, checked: a valid one holds the rate it will write (its id drawn
 * already), a bad one its problems and, if it has one, its prefix (to find repeats). Reached only
 * through its import, which is the tenant's.
 */
@Entity({ tableName: 'call_rate_import_row' })
@NotAudited()
export class CallRateImportRowEntity {
  @PrimaryKey({ length: 36, type: 'string' })
  import_id!: string;

  @PrimaryKey({ type: 'integer' })
  line!: number;

  @Property({ type: 'text', nullable: true })
  problems?: string | null;

  /** Text: a bad row's prefix may be longer than a valid one. */
  @Property({ type: 'text', nullable: true })
  prefix?: string | null;

  @Property({ length: 20, type: 'string', nullable: true })
  id?: string | null;

  @Property({ length: 16, type: 'string', nullable: true })
  type?: TelephonyContracts.CallType | null;

  @Property({ type: 'integer', nullable: true })
  free_seconds?: number | null;

  @Property({ type: 'integer', nullable: true })
  grace_period?: number | null;

  @Property({ type: 'integer', nullable: true })
  interval_1?: number | null;

  @Property({ type: 'integer', nullable: true })
  interval_n?: number | null;

  @Property({ type: 'bigint', nullable: true })
  connect_fee?: string | null;

  @Property({ type: 'bigint', nullable: true })
  postcall_surcharge?: string | null;

  @Property({ type: 'bigint', nullable: true })
  price_1?: string | null;

  @Property({ type: 'bigint', nullable: true })
  price_n?: string | null;

  @Property({ length: 1024, type: 'string', nullable: true })
  description?: string | null;
}
