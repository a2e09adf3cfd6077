import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/**
 * Promo codes and their redemptions. The constraints are the database's own guarantee of
 * exactly-once counting, behind the redeemer's row lock: the counter can never pass the limit
 * (check), each increment has exactly one redemption row (unique sequence), a customer's uses are
 * numbered (unique customer sequence), a customer holds at most one pending redemption of a code,
 * and a quote redeems at most once.
 */
export class PromoMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    const tenant = `"tenant_id" ${t.id} not null`;
    this.addSql(
      `create table "promo_code" ("id" ${t.autoIncrementKey}, ${tenant}, "code" ${t.varchar(40)} not null, ` +
        `"type" ${t.varchar(16)} not null, "discount" ${t.varchar(40)} not null, "currency" ${t.varchar(3)} null, ` +
        `"starts_at" ${t.varchar(10)} null, "expires" ${t.varchar(10)} not null, "max_redemptions" integer null, ` +
        `"max_per_customer" integer not null default 1, "redemptions" integer not null default 0, ` +
        `"minimum_amount" ${t.varchar(40)} null, "minimum_amount_currency" ${t.varchar(3)} null, ` +
        `"first_time_only" ${t.boolean} not null, "services" ${t.json} not null, "duration" ${t.varchar(16)} not null, ` +
        `"duration_months" integer null, "created_at" ${t.timestamp} not null, "updated_at" ${t.timestamp} not null, ` +
        `constraint "promo_code_redemptions_check" check ("redemptions" >= 0 and ("max_redemptions" is null or "redemptions" <= "max_redemptions")))`,
    );
    this.addSql(`create unique index "promo_code_tenant_code_unique" on "promo_code" ("tenant_id", "code")`);
    this.addSql(
      `create table "promo_redemption" ("id" ${t.autoIncrementKey}, ${tenant}, ` +
        `"promo_id" integer not null references "promo_code" ("id"), "customer_id" integer not null, "quote_id" integer null, ` +
        `"sequence_no" integer not null, "customer_sequence_no" integer not null, "redeemed_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create unique index "promo_redemption_sequence_unique" on "promo_redemption" ("promo_id", "sequence_no")`);
    this.addSql(
      `create unique index "promo_redemption_customer_sequence_unique" on "promo_redemption" ("promo_id", "customer_id", "customer_sequence_no")`,
    );
    this.addSql(
      `create unique index "promo_redemption_pending_unique" on "promo_redemption" ("promo_id", "customer_id") where "quote_id" is null`,
    );
    this.addSql(`create unique index "promo_redemption_quote_unique" on "promo_redemption" ("tenant_id", "quote_id")`);
    this.addSql(`create index "promo_redemption_customer_index" on "promo_redemption" ("tenant_id", "customer_id")`);
  }
}
