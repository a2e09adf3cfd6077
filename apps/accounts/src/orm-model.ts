import type { ModelDefinition } from '@billing/persistence';
import { LoginAttemptEntity } from './identity/login-attempt.entity.js';
import { TenantEntity } from './identity/tenant.entity.js';
import { UserEntity } from './identity/user.entity.js';
import { BillingAccountEntity } from './billing-account/billing-account.entity.js';
import { LedgerEntryEntity } from './billing-account/ledger-entry.entity.js';
import { CustomerEntity } from './customer/customer.entity.js';
import { IdentityMigration } from './migrations/0001-identity.migration.js';
import { CustomerMigration } from './migrations/0002-customer.migration.js';
import { BillingAccountMigration } from './migrations/0003-billing-account.migration.js';
import { LedgerMigration } from './migrations/0004-ledger.migration.js';
import { BillingAccountPositionMigration } from './migrations/0005-billing-account-position.migration.js';
import { BillingAccountTimeZoneMigration } from './migrations/0006-billing-account-time-zone.migration.js';
import { UserTokenVersionMigration } from './migrations/0007-user-token-version.migration.js';
import { UserDisabledMigration } from './migrations/0008-user-disabled.migration.js';

/** Every entity and, in order, every migration of the accounts database. */
export const ormModel: ModelDefinition = {
  entities: [TenantEntity, UserEntity, LoginAttemptEntity, CustomerEntity, BillingAccountEntity, LedgerEntryEntity],
  migrations: [
    { name: '0001-identity', class: IdentityMigration },
    { name: '0002-customer', class: CustomerMigration },
    { name: '0003-billing-account', class: BillingAccountMigration },
    { name: '0004-ledger', class: LedgerMigration },
    { name: '0005-billing-account-position', class: BillingAccountPositionMigration },
    { name: '0006-billing-account-time-zone', class: BillingAccountTimeZoneMigration },
    { name: '0007-user-token-version', class: UserTokenVersionMigration },
    { name: '0008-user-disabled', class: UserDisabledMigration },
  ],
};
