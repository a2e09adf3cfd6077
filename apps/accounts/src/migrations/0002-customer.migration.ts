import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

export class CustomerMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    const text = (name: string, length: number) => `"${name}" ${t.varchar(length)} null`;
    this.addSql(
      `create table "customer" ("id" ${t.autoIncrementKey}, "tenant_id" ${t.id} not null, ` +
        [
          text('first_name', 255),
          text('last_name', 255),
          text('organization_name', 255),
          text('email', 255),
          text('phone', 32),
          text('street', 255),
          text('city', 255),
          text('state', 255),
          text('zip_code', 32),
          text('country_code', 2),
        ].join(', ') +
        `, "status" ${t.varchar(16)} not null, "created_at" ${t.timestamp} not null, "updated_at" ${t.timestamp} not null)`,
    );
    this.addSql(`create index "customer_tenant_id_index" on "customer" ("tenant_id")`);
  }
}
