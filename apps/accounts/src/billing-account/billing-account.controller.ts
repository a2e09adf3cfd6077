import { Controller } from '@nestjs/common';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { BillingAccountService } from './billing-account.service.js';
import { LedgerService } from './ledger.service.js';

@Controller()
export class BillingAccountController {
  constructor(
    private readonly accounts: BillingAccountService,
    private readonly ledger: LedgerService,
  ) {}

  @Handles(AccountsContracts.BillingAccountCreate)
  create(data: Record<string, unknown>, caller: CallerContext) {
    return this.accounts.create(caller, data);
  }

  @Handles(AccountsContracts.BillingAccountGet)
  get(data: { accountNumber: string }, caller: CallerContext) {
    return this.accounts.get(caller, data.accountNumber);
  }

  @Handles(AccountsContracts.BillingAccountChildrenList)
  children(data: AccountsContracts.BillingAccountChildrenRequest, caller: CallerContext) {
    return this.accounts.children(caller, data);
  }

  @Handles(AccountsContracts.BillingAccountUpdate)
  update(data: { accountNumber: string; changes: Record<string, unknown> }, caller: CallerContext) {
    return this.accounts.update(caller, data.accountNumber, data.changes);
  }

  @Handles(AccountsContracts.LedgerEntryCreate)
  addLedgerEntry(data: { accountNumber: string; entry: Record<string, unknown> }, caller: CallerContext) {
    return this.ledger.create(caller, data.accountNumber, data.entry);
  }

  @Handles(AccountsContracts.BillingAccountSummary)
  summary(data: { accountNumber: string }, caller: CallerContext) {
    return this.ledger.summary(caller, data.accountNumber);
  }
}
