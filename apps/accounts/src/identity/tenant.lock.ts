import { raw, type EntityManager } from '@mikro-orm/core';
import { IdentityErrorCode } from '@billing/contracts';
import { IdentityException } from './identity.exception.js';
import { TenantEntity } from './tenant.entity.js';

/**
 * The first statement of a transaction whose checks must hold until it commits (a re-parent that
 * walks ancestors, a delete that counts admins). It writes the tenant's row without changing it.
 * PostgreSQL then holds that row's lock: each such transaction of the tenant waits for the one
 * before it to end, and its later reads (read committed) see what that one committed. SQLite takes
 * its database write lock at this first write, as BEGIN IMMEDIATE would (the ORM begins deferred),
 * so no writer, in this process or a replica, comes between the checks and the change.
 */
export async function lockTenant(tx: EntityManager, tenantId: string): Promise<void> {
  const locked = await tx.nativeUpdate(TenantEntity, { id: tenantId }, { createdAt: raw('created_at') });
  // A token naming a tenant that is not there no longer stands for anyone.
  if (locked === 0) throw new IdentityException(IdentityErrorCode.CallerUnknown, 'Your tenant no longer exists');
}
