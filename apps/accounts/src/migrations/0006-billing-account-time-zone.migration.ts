import { Migration } from '@mikro-orm/migrations';

/** An IANA time zone per account: bills fall on its local billing day. Null means UTC. */
export class BillingAccountTimeZoneMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "billing_account" add column "time_zone" varchar(64) null`);
  }
}
