import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from './not-audited.decorator.js';

export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE';
/** Field name -> its value before and after; a created row has only `new`, a deleted one only `old`. */
export type AuditChanges = Record<string, { old?: unknown; new?: unknown }>;

/** One change of one row, written in the transaction that made it. */
@Entity({ tableName: 'audit_record' })
@NotAudited()
export class AuditRecordEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'tenant_id', length: 36, type: 'string', nullable: true })
  tenantId?: string | null;

  /** Who: the caller's user id and name, or "system" for work no request asked for (migrations, scheduled jobs). */
  @Property({ fieldName: 'user_id', length: 64 })
  userId!: string;

  @Property({ length: 128 })
  username!: string;

  @Property({ fieldName: 'request_id', length: 128, type: 'string', nullable: true })
  requestId?: string | null;

  @Property({ length: 16, type: 'string' })
  action!: AuditAction;

  @Property({ fieldName: 'object_type', length: 64 })
  objectType!: string;

  @Property({ fieldName: 'object_id', length: 255 })
  objectId!: string;

  @Property({ type: 'json' })
  changes!: AuditChanges;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();
}
