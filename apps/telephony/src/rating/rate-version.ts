import type { EntityManager } from '@mikro-orm/sql';

/**
 * The version of a tenant's call rates: a counter in `call_rate_version`, advanced in the same
 * transaction as every create, update, destroy and import of the tenant's rates. A rating reads it
 * (one primary-key read) and rebuilds its index when the index is older, so no replica rates with
 * rates older than a write that any replica has acknowledged. Plain SQL naming the tenant: the row
 * is the platform's bookkeeping, not a tenant's business object (no audit row, no ORM tracking).
 */

/** Advances the tenant's version; call it inside the transaction of the change. */
export async function bumpRateVersion(em: EntityManager, tenantId: string): Promise<void> {
  const table = versionTable(em);
  await em.execute(
    `insert into ${table.qualified} ("tenant_id", "version") values (?, 1) ` +
      `on conflict ("tenant_id") do update set "version" = "${table.name}"."version" + 1`,
    [tenantId],
    'run',
  );
}

/** The tenant's version as committed now: 0 before its first change. */
export async function readRateVersion(em: EntityManager, tenantId: string): Promise<number> {
  const rows = await em
    .getConnection()
    .execute<{ version: number | string }[]>(
      `select "version" from ${versionTable(em).qualified} where "tenant_id" = ?`,
      [tenantId],
      'all',
    );
  return rows.length === 0 ? 0 : Number(rows[0]!.version);
}

/** In the service's schema on PostgreSQL. */
function versionTable(em: EntityManager): { name: string; qualified: string } {
  const name = 'call_rate_version';
  const schema = em.config.get('schema');
  return { name, qualified: schema ? `"${schema}"."${name}"` : `"${name}"` };
}
