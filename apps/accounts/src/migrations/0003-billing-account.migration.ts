import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** Monthly recurring revenue in cents: an exact integer on both engines. */
export class BillingAccountMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "billing_account" ("id" ${t.autoIncrementKey}, "tenant_id" ${t.id} not null, ` +
        `"name" ${t.varchar(255)} not null, "currency" ${t.varchar(3)} not null, "mrr_cents" bigint not null, ` +
        `"parent_id" integer null, "customer_id" integer null, "billing_day" integer not null, ` +
        `"payment_term_days" integer not null, "created_at" ${t.timestamp} not null, "updated_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create index "billing_account_parent_index" on "billing_account" ("tenant_id", "parent_id", "id")`);
  }
}
