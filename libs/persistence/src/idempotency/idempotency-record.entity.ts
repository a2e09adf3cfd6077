import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '../audit/not-audited.decorator.js';

/**
 * A service call made under an Idempotency-Key, and its answer once it has one. Not tenant-owned
 * through the filter: the record is looked up by the tenant the caller's envelope names, before any
 * handler's unit of work exists.
 */
@Entity({ tableName: 'idempotency_record' })
@NotAudited()
export class IdempotencyRecordEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'tenant_id', length: 36 })
  tenantId!: string;

  @Property({ fieldName: 'key_hash', length: 64 })
  keyHash!: string;

  /** Which of the HTTP request's service calls this is. */
  @Property({ type: 'integer' })
  call!: number;

  @Property({ length: 255 })
  pattern!: string;

  @Property({ length: 64 })
  fingerprint!: string;

  /** RUNNING, then COMMITTED once a transaction of its handler has committed, DONE once its answer is stored. */
  @Property({ length: 16, type: 'string' })
  state!: 'RUNNING' | 'COMMITTED' | 'DONE';

  /** The answer: `{response}` or `{error}` (a domain error's payload). */
  @Property({ type: 'json', nullable: true })
  reply?: { response?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } } | null;

  /** While RUNNING or COMMITTED: until when the process running it holds it (renewed while it runs). */
  @Property({ fieldName: 'lease_until', type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();
}
