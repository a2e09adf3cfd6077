import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** Ledger amounts are signed cents: their effect on what the account owes. */
export class LedgerMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "ledger_entry" ("id" ${t.autoIncrementKey}, "tenant_id" ${t.id} not null, "account_id" integer not null, ` +
        `"type" ${t.varchar(16)} not null, "amount_cents" bigint not null, "balance_effect_cents" bigint not null, ` +
        `"description" ${t.varchar(1024)} null, "created_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create index "ledger_entry_account_index" on "ledger_entry" ("tenant_id", "account_id", "id")`);
  }
}
