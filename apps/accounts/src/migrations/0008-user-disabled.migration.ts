import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** A disabled user keeps its data and history but cannot sign in, and its tokens stop working. */
export class UserDisabledMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(`alter table "app_user" add column "disabled" ${t.boolean} not null default false`);
  }
}
