import { raw, type EntityManager } from '@mikro-orm/core';
import { TenantSequenceEntity } from './tenant-sequence.entity.js';

/**
 * The next number of a tenant's sequence, drawn inside the caller's transaction. The increment
 * holds the counter's row lock (PostgreSQL) or the write lock (SQLite) until that transaction ends,
 * so numbers are handed out one at a time, and a rolled-back transaction gives its number back.
 */
export async function nextInSequence(tx: EntityManager, name: string): Promise<number> {
  const advanced = await tx.nativeUpdate(TenantSequenceEntity, { name }, { value: raw('value + 1') });
  if (advanced === 0) {
    tx.create(TenantSequenceEntity, { name, value: 1 });
    await tx.flush();
    return 1;
  }
  const row = await tx.findOneOrFail(TenantSequenceEntity, { name }, { refresh: true });
  return row.value;
}
