import type { ModelDefinition } from '@billing/persistence';
import { CallRateEntity } from './call-rate/call-rate.entity.js';
import { TelephonyMigration } from './migrations/0001-telephony.migration.js';
import { TenantBillingEntity } from './tenant-billing/tenant-billing.entity.js';

/** Every entity and, in order, every migration of the telephony database. */
export const ormModel: ModelDefinition = {
  entities: [TenantBillingEntity, CallRateEntity],
  migrations: [{ name: '0001-telephony', class: TelephonyMigration }],
};
