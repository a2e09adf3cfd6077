import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** Products, their list prices, customers' own prices, billing-term discounts and option groups. */
export class CatalogueMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    const tenant = `"tenant_id" ${t.id} not null`;
    const price = `"product_id" integer not null, "currency" ${t.varchar(3)} not null, "mode" ${t.varchar(16)} not null, "unit_price" ${t.varchar(40)} null, "tiers" ${t.json} null`;
    this.addSql(
      `create table "product" ("id" ${t.autoIncrementKey}, ${tenant}, "code" ${t.varchar(64)} not null, "name" ${t.varchar(255)} not null, ` +
        `"description" ${t.varchar(2000)} null, "unit" ${t.varchar(32)} not null, "charge_type" ${t.varchar(16)} not null, ` +
        `"status" ${t.varchar(16)} not null, "created_at" ${t.timestamp} not null, "updated_at" ${t.timestamp} not null, "retired_at" ${t.timestamp} null)`,
    );
    this.addSql(`create unique index "product_tenant_code_unique" on "product" ("tenant_id", "code")`);
    this.addSql(`create table "product_price" ("id" ${t.autoIncrementKey}, ${tenant}, ${price})`);
    this.addSql(`create unique index "product_price_product_currency_unique" on "product_price" ("tenant_id", "product_id", "currency")`);
    this.addSql(
      `create table "customer_price" ("id" ${t.autoIncrementKey}, ${tenant}, "customer_id" integer not null, ${price}, "updated_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create unique index "customer_price_unique" on "customer_price" ("tenant_id", "customer_id", "product_id", "currency")`);
    this.addSql(
      `create table "billing_term" ("id" ${t.autoIncrementKey}, ${tenant}, "code" ${t.varchar(16)} not null, "discount_percent" ${t.varchar(16)} not null)`,
    );
    this.addSql(`create unique index "billing_term_tenant_code_unique" on "billing_term" ("tenant_id", "code")`);
    this.addSql(
      `create table "option_group" ("id" ${t.autoIncrementKey}, ${tenant}, "product_id" integer not null, "code" ${t.varchar(64)} not null, ` +
        `"name" ${t.varchar(255)} not null, "choices" ${t.json} not null)`,
    );
    this.addSql(`create unique index "option_group_product_code_unique" on "option_group" ("tenant_id", "product_id", "code")`);
  }
}
