import type { EntityClass, EntityManager, EntityMetadata, FilterQuery, Opt } from '@mikro-orm/core';
import { Filter, Property } from '@mikro-orm/decorators/legacy';

export const TENANT_FILTER = 'tenant';

/**
 * Marks an entity as tenant-owned. The filter is on by default and needs the tenant id, so a query
 * on such an entity through an EntityManager that was not scoped with `tenantScope` fails loudly
 * instead of reading every tenant's rows.
 */
export function TenantOwned(): ClassDecorator {
  return Filter<EntityClass<TenantOwnedEntity>>({
    name: TENANT_FILTER,
    cond: (args): FilterQuery<TenantOwnedEntity> => ({ tenantId: args['tenantId'] as string }),
    default: true,
  }) as ClassDecorator;
}

export abstract class TenantOwnedEntity {
  /** Set from the unit of work's tenant scope when the row is written; never given by hand. */
  @Property({ fieldName: 'tenant_id', length: 36 })
  tenantId!: Opt<string>;
}

/** A fresh unit of work bound to one tenant: every read, update and delete is filtered to it. */
export function tenantScope<EM extends EntityManager>(em: EM, tenantId: string): EM {
  const scoped = em.fork() as EM;
  scoped.setFilterParams(TENANT_FILTER, { tenantId });
  return scoped;
}

/** The tenant a unit of work is scoped to, if any. */
export function scopedTenant(em: EntityManager): string | undefined {
  return em.getFilterParams<{ tenantId?: string }>(TENANT_FILTER)?.tenantId;
}

export function isTenantOwned(meta: EntityMetadata | undefined): boolean {
  return Boolean(meta?.filters[TENANT_FILTER]);
}

/** Work on a tenant-owned entity outside a tenant scope, or across it: a bug, never a client's error. */
export class TenantScopeError extends Error {
  override readonly name = 'TenantScopeError';
}

/**
 * Query options that deliberately look across tenants (sign-in finds a user before its tenant is
 * known). Spread into a find's options, so every such place is visible where it happens.
 */
export const ACROSS_TENANTS = { filters: { [TENANT_FILTER]: false } } as const;
