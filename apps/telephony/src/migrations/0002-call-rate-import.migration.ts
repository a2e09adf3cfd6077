import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** Imports that arrive in parts: the import, and its checked rows until the commit applies them. */
export class CallRateImportMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "call_rate_import" ("id" ${t.id} not null primary key, "tenant_id" ${t.id} not null, ` +
        `"parts" integer not null, "reader" ${t.json} not null, "created_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create index "call_rate_import_created_at_index" on "call_rate_import" ("created_at")`);
    // A valid row holds the rate it will write, in call_rate's own columns; a bad one its problems (and prefix, for repeats).
    this.addSql(
      `create table "call_rate_import_row" ("import_id" ${t.id} not null, "line" integer not null, "problems" ${t.text} null, ` +
        `"prefix" ${t.text} null, "id" ${t.varchar(20)} null, "type" ${t.varchar(16)} null, ` +
        `"free_seconds" integer null, "grace_period" integer null, "interval_1" integer null, "interval_n" integer null, ` +
        `"connect_fee" bigint null, "postcall_surcharge" bigint null, "price_1" bigint null, "price_n" bigint null, ` +
        `"description" ${t.varchar(1024)} null, primary key ("import_id", "line"))`,
    );
  }
}
