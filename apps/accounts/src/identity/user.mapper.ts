import type { AccountsContracts } from '@billing/contracts';
import type { TenantEntity } from './tenant.entity.js';
import type { UserEntity } from './user.entity.js';

export function toUser(user: UserEntity): AccountsContracts.User {
  return {
    id: user.id,
    username: user.username,
    tenantId: user.tenantId,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toTenant(tenant: TenantEntity): AccountsContracts.Tenant {
  return { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt.toISOString() };
}
