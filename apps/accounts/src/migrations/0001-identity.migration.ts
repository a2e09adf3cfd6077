import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

export class IdentityMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "tenant" ("id" ${t.id} not null primary key, "name" ${t.varchar(63)} not null, ` +
        `"created_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create unique index "tenant_name_unique" on "tenant" ("name")`);
    this.addSql(
      `create table "app_user" ("id" ${t.id} not null primary key, "tenant_id" ${t.id} not null, ` +
        `"username" ${t.varchar(64)} not null, "password_hash" ${t.varchar(255)} not null, "roles" ${t.json} not null, ` +
        `"operator" ${t.boolean} not null default false, "created_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create unique index "app_user_username_unique" on "app_user" ("username")`);
    this.addSql(`create index "app_user_tenant_id_index" on "app_user" ("tenant_id")`);
    this.addSql(
      `create table "login_attempt" ("key" ${t.varchar(320)} not null primary key, "failures" integer not null, ` +
        `"locked_until" ${t.timestamp} null, "updated_at" ${t.timestamp} not null)`,
    );
  }
}
