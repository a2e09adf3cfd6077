import type { ChangeSet, EntityManager, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { currentLogContext } from '@billing/logging';
import { AuditRecordEntity, type AuditAction, type AuditChanges } from './audit-record.entity.js';
import { isAudited } from './not-audited.decorator.js';

/** Field names whose values never enter the trail (password hashes, token versions, secrets, keys). */
const SECRET = /password|secret|token|hash|key$/i;
const REDACTED = '[redacted]';

export interface AuditedChange {
  action: AuditAction;
  objectType: string;
  objectId: string;
  changes: AuditChanges;
  /** The row's tenant, when the row names one; otherwise the caller's. */
  tenantId?: string | null;
}

/**
 * Writes an audit row for every row the ORM creates, updates or deletes, in the same transaction:
 * changes are gathered as the flush writes them and inserted together just before that transaction
 * commits, so a transaction that rolls back leaves none. Changes made by hand-written statements are
 * recorded with `recordChange`.
 */
export class AuditSubscriber implements EventSubscriber {
  private readonly pending = new Map<unknown, AuditedChange[]>();

  afterCreate(args: EventArgs<object>): void {
    this.gather(args, 'CREATE');
  }

  afterUpdate(args: EventArgs<object>): void {
    this.gather(args, 'UPDATE');
  }

  afterDelete(args: EventArgs<object>): void {
    this.gather(args, 'DELETE');
  }

  async beforeTransactionCommit({ em, transaction }: TransactionEventArgs): Promise<void> {
    const changes = this.pending.get(transaction);
    this.pending.delete(transaction);
    if (changes?.length) await insertChanges(em, changes, transaction);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    this.pending.delete(transaction);
  }

  private gather({ changeSet, em, meta }: EventArgs<object>, action: AuditAction): void {
    if (!changeSet || !isAudited(meta.class)) return;
    const change = describe(changeSet, action, meta.tableName);
    if (action === 'UPDATE' && Object.keys(change.changes).length === 0) return;
    const transaction = em.getTransactionContext();
    const list = this.pending.get(transaction) ?? [];
    list.push(change);
    this.pending.set(transaction, list);
  }
}

function describe(changeSet: ChangeSet<object>, action: AuditAction, objectType: string): AuditedChange {
  const entity = changeSet.entity as Record<string, unknown>;
  const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  const changes: AuditChanges = {};
  const fields = action === 'DELETE' ? Object.keys(original) : Object.keys(changeSet.payload ?? {});
  for (const field of fields) {
    if (field === 'tenantId') continue;
    // The ORM may rewrite a value it read back in another form (a date as text, then as a number).
    if (action === 'UPDATE' && sameValue(original[field], (changeSet.payload as Record<string, unknown>)[field])) continue;
    const secret = SECRET.test(field);
    const before = secret ? REDACTED : plain(original[field]);
    const after = secret ? REDACTED : plain((changeSet.payload as Record<string, unknown>)[field]);
    changes[field] = action === 'CREATE' ? { new: after } : action === 'DELETE' ? { old: before } : { old: before, new: after };
  }
  const pk = changeSet.getPrimaryKey?.(true) ?? changeSet.meta.primaryKeys.map((key) => entity[key]);
  return {
    action,
    objectType,
    objectId: Array.isArray(pk) ? pk.join(':') : typeof pk === 'object' && pk !== null ? Object.values(pk).join(':') : String(pk),
    changes,
    tenantId: typeof entity['tenantId'] === 'string' ? entity['tenantId'] : undefined,
  };
}

const plain = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

function sameValue(a: unknown, b: unknown): boolean {
  const instant = (value: unknown) =>
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (JSON.stringify(plain(a)) === JSON.stringify(plain(b))) return true;
  const [x, y] = [instant(a), instant(b)];
  return !Number.isNaN(x) && x === y && (a instanceof Date || b instanceof Date || typeof a !== typeof b);
}

async function insertChanges(em: EntityManager, changes: AuditedChange[], transaction?: unknown): Promise<void> {
  const who = currentLogContext();
  const now = new Date();
  const rows = changes.map((change) => ({
    tenantId: change.tenantId ?? who.tenantId ?? null,
    userId: who.userId ?? 'system',
    username: who.username ?? 'system',
    requestId: who.requestId ?? null,
    action: change.action,
    objectType: change.objectType,
    objectId: change.objectId.slice(0, 255),
    changes: change.changes,
    createdAt: now,
  }));
  await em.getDriver().nativeInsertMany(AuditRecordEntity, rows, { ctx: transaction ?? em.getTransactionContext() });
}

/**
 * Records a change made by a hand-written statement (a conditional update, a bulk import) in the
 * caller's transaction. Call it inside the transaction that makes the change.
 */
export async function recordChange(em: EntityManager, change: AuditedChange): Promise<void> {
  await insertChanges(em, [change]);
}
