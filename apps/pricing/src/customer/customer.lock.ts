import type { EntityManager } from '@mikro-orm/sql';
import { scopedTenant } from '@billing/persistence';

/**
 * Serialises the transactions whose checks read across a customer's promo history: a first-time-only
 * code reads every redemption of the customer and its accepted quotes, so two redemptions of two
 * different codes, or a redemption and a quote's acceptance, must not both pass unseen by the other.
 * One statement writes the customer's row (creating it the first time): PostgreSQL holds that row's
 * lock until commit, and SQLite takes its write lock, as BEGIN IMMEDIATE would.
 */
export async function lockCustomer(tx: EntityManager, customerId: number): Promise<void> {
  const tenantId = scopedTenant(tx);
  if (!tenantId) throw new Error('lockCustomer needs a tenant-scoped unit of work');
  const schema = tx.config.get('schema');
  const table = schema ? `"${schema}"."customer_lock"` : '"customer_lock"';
  await tx.execute(
    `insert into ${table} ("tenant_id", "customer_id") values (?, ?) ` +
      'on conflict ("tenant_id", "customer_id") do update set "customer_id" = excluded."customer_id"',
    [tenantId, customerId],
    'run',
  );
}
