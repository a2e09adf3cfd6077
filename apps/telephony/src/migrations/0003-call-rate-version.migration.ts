import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/**
 * A counter per tenant, advanced in the transaction of every change to the tenant's call rates, so
 * a replica can tell in one indexed read whether the rating index it holds is still current.
 */
export class CallRateVersionMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(`create table "call_rate_version" ("tenant_id" ${t.id} not null primary key, "version" bigint not null)`);
  }
}
