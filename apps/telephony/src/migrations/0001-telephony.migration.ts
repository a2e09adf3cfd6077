import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/**
 * Amounts are integers in units of 0.00001: exact on SQLite (which has no exact decimal) and
 * PostgreSQL. Ids are 64-bit snowflakes kept as 20-digit zero-padded text: SQLite's driver reads
 * integers as doubles (exact only to 2^53), and padded text sorts in time order.
 */
export class TelephonyMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "tenant_billing" ("tenant_id" ${t.id} not null primary key, "enabled" ${t.boolean} not null, ` +
        `"account" ${t.varchar(16)} not null, "type" ${t.varchar(16)} not null, "updated_at" ${t.timestamp} not null)`,
    );
    this.addSql(
      `create table "call_rate" ("id" ${t.varchar(20)} not null primary key, "tenant_id" ${t.id} not null, ` +
        `"prefix" ${t.varchar(64)} not null, "type" ${t.varchar(16)} not null, ` +
        `"free_seconds" integer not null, "grace_period" integer not null, "interval_1" integer not null, "interval_n" integer not null, ` +
        `"connect_fee" bigint not null, "postcall_surcharge" bigint not null, "price_1" bigint not null, "price_n" bigint not null, ` +
        `"description" ${t.varchar(1024)} null, "created_at" ${t.timestamp} not null, "updated_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create unique index "call_rate_tenant_prefix_unique" on "call_rate" ("tenant_id", "prefix")`);
  }
}
