import { Migration } from '@mikro-orm/migrations';

/** Raised to withdraw every token a user holds (sign-out everywhere); tokens carry the value they were issued with. */
export class UserTokenVersionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "token_version" integer not null default 0`);
  }
}
