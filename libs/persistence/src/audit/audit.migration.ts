import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '../sql-types.js';

/** Every service's audit trail (added to each service's migrations). */
export class AuditMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "audit_record" ("id" ${t.autoIncrementKey}, "tenant_id" ${t.id} null, "user_id" ${t.varchar(64)} not null, ` +
        `"username" ${t.varchar(128)} not null, "request_id" ${t.varchar(128)} null, "action" ${t.varchar(16)} not null, ` +
        `"object_type" ${t.varchar(64)} not null, "object_id" ${t.varchar(255)} not null, "changes" ${t.json} not null, "created_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create index "audit_record_tenant_time_index" on "audit_record" ("tenant_id", "created_at")`);
    this.addSql(`create index "audit_record_object_index" on "audit_record" ("tenant_id", "object_type", "object_id")`);
  }
}
