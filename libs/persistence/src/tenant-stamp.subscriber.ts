import type { EntityManager, EntityMetadata, EventArgs, EventSubscriber } from '@mikro-orm/core';
import { isTenantOwned, scopedTenant, TenantScopeError } from './tenant-scope.js';

type Row = { tenantId?: unknown };

/**
 * Writes of tenant-owned rows take their tenant from the unit of work's scope: an insert (or upsert)
 * gets it stamped, and one that names another tenant, or happens outside any scope, fails before
 * it reaches the database. Flush hooks, so an entity built with `new` and persisted is held to the
 * same rule as one made by `em.create`.
 */
export class TenantStampSubscriber implements EventSubscriber<Row> {
  beforeCreate({ entity, meta, em }: EventArgs<Row>): void {
    claim(entity, meta, em);
  }

  beforeUpsert({ entity, meta, em }: EventArgs<Row>): void {
    claim(entity, meta, em);
  }

  /** An update may not move a row to another tenant either. */
  beforeUpdate({ entity, meta, em }: EventArgs<Row>): void {
    claim(entity, meta, em);
  }
}

function claim(row: Row, meta: EntityMetadata<Row>, em: EntityManager): void {
  if (!isTenantOwned(meta)) return;
  const tenantId = scopedTenant(em);
  if (!tenantId) {
    throw new TenantScopeError(`${meta.className} is tenant-owned: write it through a tenantScope(em, tenantId) unit of work`);
  }
  if (row.tenantId !== undefined && row.tenantId !== tenantId) {
    throw new TenantScopeError(`${meta.className} names tenant ${String(row.tenantId)} in a unit of work scoped to tenant ${tenantId}`);
  }
  row.tenantId = tenantId;
}
