import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** Quotes, their lines as priced, and the per-tenant sequences that number them. */
export class QuoteMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    const tenant = `"tenant_id" ${t.id} not null`;
    const amount = (name: string) => `"${name}" ${t.varchar(40)} not null`;
    this.addSql(
      `create table "quote" ("id" ${t.autoIncrementKey}, ${tenant}, "number" integer not null, "customer_id" integer not null, ` +
        `"currency" ${t.varchar(3)} not null, "status" ${t.varchar(16)} not null, "valid_until" ${t.varchar(10)} null, ` +
        `"promo_id" integer null, "promo_code" ${t.varchar(40)} null, ${amount('subtotal')}, ${amount('discount_total')}, ${amount('total')}, ` +
        `"created_at" ${t.timestamp} not null, "accepted_at" ${t.timestamp} null, "declined_at" ${t.timestamp} null)`,
    );
    this.addSql(`create unique index "quote_tenant_number_unique" on "quote" ("tenant_id", "number")`);
    this.addSql(`create index "quote_tenant_customer_index" on "quote" ("tenant_id", "customer_id")`);
    this.addSql(
      `create table "quote_line" ("id" ${t.autoIncrementKey}, ${tenant}, "quote_id" integer not null, "line_number" integer not null, ` +
        `"product_id" integer not null, "product_code" ${t.varchar(64)} not null, "product_name" ${t.varchar(255)} not null, ` +
        `"charge_type" ${t.varchar(16)} not null, ${amount('quantity')}, "options" ${t.json} not null, ${amount('unit_price')}, ` +
        `${amount('amount')}, ${amount('discount')})`,
    );
    this.addSql(`create unique index "quote_line_quote_number_unique" on "quote_line" ("quote_id", "line_number")`);
    this.addSql(
      `create table "tenant_sequence" ("id" ${t.autoIncrementKey}, ${tenant}, "name" ${t.varchar(32)} not null, "value" integer not null)`,
    );
    this.addSql(`create unique index "tenant_sequence_name_unique" on "tenant_sequence" ("tenant_id", "name")`);
  }
}
