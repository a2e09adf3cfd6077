import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AccountsContracts, type RpcEnvelope } from '@billing/contracts';
import { requireCaller } from '@billing/rpc';
import { BillingAccountService } from './billing-account.service.js';
import { LedgerService } from './ledger.service.js';

@Controller()
export class BillingAccountController {
  constructor(
    private readonly accounts: BillingAccountService,
    private readonly ledger: LedgerService,
  ) {}

  @MessagePattern(AccountsContracts.BillingAccountCreate.pattern)
  create(@Payload() message: RpcEnvelope<Record<string, unknown>>) {
    return this.accounts.create(requireCaller(message), message.data);
  }

  @MessagePattern(AccountsContracts.BillingAccountGet.pattern)
  get(@Payload() message: RpcEnvelope<{ accountNumber: string }>) {
    return this.accounts.get(requireCaller(message), message.data.accountNumber);
  }

  @MessagePattern(AccountsContracts.BillingAccountChildrenList.pattern)
  children(@Payload() message: RpcEnvelope<AccountsContracts.BillingAccountChildrenRequest>) {
    return this.accounts.children(requireCaller(message), message.data);
  }

  @MessagePattern(AccountsContracts.BillingAccountUpdate.pattern)
  update(@Payload() message: RpcEnvelope<{ accountNumber: string; changes: Record<string, unknown> }>) {
    return this.accounts.update(requireCaller(message), message.data.accountNumber, message.data.changes);
  }

  @MessagePattern(AccountsContracts.LedgerEntryCreate.pattern)
  addLedgerEntry(@Payload() message: RpcEnvelope<{ accountNumber: string; entry: Record<string, unknown> }>) {
    return this.ledger.create(requireCaller(message), message.data.accountNumber, message.data.entry);
  }

  @MessagePattern(AccountsContracts.BillingAccountSummary.pattern)
  summary(@Payload() message: RpcEnvelope<{ accountNumber: string }>) {
    return this.ledger.summary(requireCaller(message), message.data.accountNumber);
  }
}
