import type { ModelDefinition } from '@billing/persistence';
import { CallRateImportEntity, CallRateImportRowEntity } from './call-rate/call-rate-import.entity.js';
import { CallRateEntity } from './call-rate/call-rate.entity.js';
import { TelephonyMigration } from './migrations/0001-telephony.migration.js';
import { CallRateImportMigration } from './migrations/0002-call-rate-import.migration.js';
import { CallRateVersionMigration } from './migrations/0003-call-rate-version.migration.js';
import { TenantBillingEntity } from './tenant-billing/tenant-billing.entity.js';

/** Every entity and, in order, every migration of the telephony database. */
export const ormModel: ModelDefinition = {
  entities: [TenantBillingEntity, CallRateEntity, CallRateImportEntity, CallRateImportRowEntity],
  migrations: [
    { name: '0001-telephony', class: TelephonyMigration },
    { name: '0002-call-rate-import', class: CallRateImportMigration },
    { name: '0003-call-rate-version', class: CallRateVersionMigration },
  ],
};
