import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { AccountsContracts } from '@billing/contracts';

@Entity({ tableName: 'ledger_entry' })
@TenantOwned()
export class LedgerEntryEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'account_id', type: 'integer' })
  accountId!: number;

  @Property({ length: 16, type: 'string' })
  type!: AccountsContracts.LedgerEntry['type'];

  /** Cents as the client gave them. */
  @Property({ fieldName: 'amount_cents', type: 'bigint' })
  amountCents!: string;

  /** Cents added to what the account owes (a payment's is negative). */
  @Property({ fieldName: 'balance_effect_cents', type: 'bigint' })
  balanceEffectCents!: string;

  @Property({ length: 1024, type: 'string', nullable: true })
  description?: string | null;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();
}
