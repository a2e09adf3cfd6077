import type { ConnectionType, EntityName, LoggingOptions } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager, QueryBuilder, QueryType } from '@mikro-orm/sql';
import { isTenantOwned, scopedTenant, TenantScopeError } from './tenant-scope.js';

/**
 * The services' EntityManager. MikroORM applies filters to the EntityManager's own finds, counts,
 * updates and deletes, but not to a query builder (`qb.applyFilters()` is opt-in, and a later
 * `where()` replaces what it added). Here a query builder on a tenant-owned entity is refused
 * outside a tenant scope, and inside one is confined to the scope's tenant whatever conditions it
 * is given.
 */
export class TenantScopedEntityManager extends SqlEntityManager {
  override createQueryBuilder<Entity extends object, RootAlias extends string = never>(
    entityName: EntityName<Entity> | QueryBuilder<Entity>,
    alias?: RootAlias,
    type?: ConnectionType,
    loggerContext?: LoggingOptions,
  ): QueryBuilder<Entity, RootAlias> {
    const qb = super.createQueryBuilder(entityName, alias, type, loggerContext);
    // Selecting from another query builder: that one is confined already.
    if (entityName instanceof QueryBuilder || !isTenantOwned(qb.mainAlias.meta)) return qb;
    const tenantId = scopedTenant(this);
    if (!tenantId) {
      throw new TenantScopeError(
        `${qb.mainAlias.meta.className} is tenant-owned: build its queries on a tenantScope(em, tenantId) unit of work`,
      );
    }
    return confine(qb, tenantId);
  }
}

/** The kinds of query a tenant condition confines; inserts belong to the EntityManager, which stamps the tenant. */
const CONFINABLE = new Set<QueryType>([QueryType.SELECT, QueryType.COUNT, QueryType.UPDATE, QueryType.DELETE]);

/**
 * Adds the tenant condition just before the SQL is built (every execution and rendering goes
 * through getNativeQuery), so no where()/orWhere() given earlier can drop or widen it, and confines
 * clones (counts, getResultAndCount) the same way. Inserts, upserts and truncation are refused.
 */
function confine<Entity extends object, RootAlias extends string>(
  qb: QueryBuilder<Entity, RootAlias>,
  tenantId: string,
): QueryBuilder<Entity, RootAlias> {
  const render = qb.getNativeQuery.bind(qb);
  const clone = qb.clone.bind(qb);
  let confined = false;
  qb.getNativeQuery = (processVirtualEntity?: boolean) => {
    if (!confined) {
      if (!CONFINABLE.has(qb.type)) {
        throw new TenantScopeError(`${qb.type} of ${qb.mainAlias.meta.className} goes through the EntityManager, which stamps its tenant`);
      }
      confined = true;
      qb.andWhere({ tenantId } as never);
    }
    return render(processVirtualEntity);
  };
  qb.clone = ((reset, preserve) => confine(clone(reset, preserve), tenantId)) as typeof qb.clone;
  return qb;
}
