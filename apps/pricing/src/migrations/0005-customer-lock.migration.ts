import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** One row per customer that has touched a promo code or a quote's acceptance: the row its transactions lock. */
export class CustomerLockMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "customer_lock" ("tenant_id" ${t.id} not null, "customer_id" integer not null, primary key ("tenant_id", "customer_id"))`,
    );
  }
}
