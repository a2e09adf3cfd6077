import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AccountsContracts, type RpcEnvelope } from '@billing/contracts';
import { requireCaller } from '@billing/rpc';
import { CustomerService } from './customer.service.js';

@Controller()
export class CustomerController {
  constructor(private readonly customers: CustomerService) {}

  @MessagePattern(AccountsContracts.CustomerCreate.pattern)
  create(@Payload() message: RpcEnvelope<Record<string, unknown>>) {
    return this.customers.create(requireCaller(message), message.data);
  }

  @MessagePattern(AccountsContracts.CustomerFind.pattern)
  find(@Payload() message: RpcEnvelope<AccountsContracts.CustomerFindRequest>) {
    return this.customers.find(requireCaller(message), message.data ?? {});
  }

  @MessagePattern(AccountsContracts.CustomerGet.pattern)
  get(@Payload() message: RpcEnvelope<{ id: string }>) {
    return this.customers.get(requireCaller(message), message.data.id);
  }

  @MessagePattern(AccountsContracts.CustomerUpdate.pattern)
  update(@Payload() message: RpcEnvelope<{ id: string; changes: Record<string, unknown> }>) {
    return this.customers.update(requireCaller(message), message.data.id, message.data.changes);
  }
}
