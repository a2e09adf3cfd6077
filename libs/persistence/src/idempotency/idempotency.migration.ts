import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '../sql-types.js';

/** Every service's record of calls made under an Idempotency-Key (added to each service's migrations). */
export class IdempotencyMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "idempotency_record" ("id" ${t.autoIncrementKey}, "tenant_id" ${t.id} not null, "key_hash" ${t.varchar(64)} not null, ` +
        `"call" integer not null, "pattern" ${t.varchar(255)} not null, "fingerprint" ${t.varchar(64)} not null, "state" ${t.varchar(16)} not null, ` +
        `"reply" ${t.json} null, "lease_until" ${t.timestamp} null, "created_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create unique index "idempotency_record_claim_unique" on "idempotency_record" ("tenant_id", "key_hash", "call")`);
    this.addSql(`create index "idempotency_record_created_at_index" on "idempotency_record" ("created_at")`);
  }
}
