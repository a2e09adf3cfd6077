import type { ModelDefinition } from '@billing/persistence';
import { LoginAttemptEntity } from './identity/login-attempt.entity.js';
import { TenantEntity } from './identity/tenant.entity.js';
import { UserEntity } from './identity/user.entity.js';
import { IdentityMigration } from './migrations/0001-identity.migration.js';

/** Every entity and, in order, every migration of the accounts database. */
export const ormModel: ModelDefinition = {
  entities: [TenantEntity, UserEntity, LoginAttemptEntity],
  migrations: [{ name: '0001-identity', class: IdentityMigration }],
};
