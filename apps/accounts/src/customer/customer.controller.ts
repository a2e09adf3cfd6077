import { Controller } from '@nestjs/common';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { CustomerService } from './customer.service.js';

@Controller()
export class CustomerController {
  constructor(private readonly customers: CustomerService) {}

  @Handles(AccountsContracts.CustomerCreate)
  create(data: Record<string, unknown>, caller: CallerContext) {
    return this.customers.create(caller, data);
  }

  @Handles(AccountsContracts.CustomerFind)
  find(data: AccountsContracts.CustomerFindRequest, caller: CallerContext) {
    return this.customers.find(caller, data);
  }

  @Handles(AccountsContracts.CustomerGet)
  get(data: { id: string }, caller: CallerContext) {
    return this.customers.get(caller, data.id);
  }

  @Handles(AccountsContracts.CustomerUpdate)
  update(data: { id: string; changes: Record<string, unknown> }, caller: CallerContext) {
    return this.customers.update(caller, data.id, data.changes);
  }
}
