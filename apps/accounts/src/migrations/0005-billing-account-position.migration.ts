import { Migration } from '@mikro-orm/migrations';

/**
 * Each child's index among its siblings, so a page of children is an index seek at any marker
 * instead of an OFFSET scan that grows with it. Unique per parent; roots have none.
 */
export class BillingAccountPositionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "billing_account" add column "position" integer null`);
    // Existing children are numbered in account-number order.
    this.addSql(
      `update "billing_account" set "position" = (select count(*) from "billing_account" as "sibling" ` +
        `where "sibling"."tenant_id" = "billing_account"."tenant_id" and "sibling"."parent_id" = "billing_account"."parent_id" ` +
        `and "sibling"."id" < "billing_account"."id") where "parent_id" is not null`,
    );
    this.addSql(
      `create unique index "billing_account_sibling_position_unique" on "billing_account" ("tenant_id", "parent_id", "position")`,
    );
  }
}
