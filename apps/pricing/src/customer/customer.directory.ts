import { Injectable } from '@nestjs/common';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { RpcClient } from '@billing/rpc';

/** The customers of document 001 live in the accounts service; pricing only asks whether one exists. */
@Injectable()
export class CustomerDirectory {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Answers when the customer exists in the caller's tenant; otherwise throws what accounts said
   * (CUSTOMER_NOT_FOUND for an unknown id or another tenant's, UNAVAILABLE when it cannot be asked).
   */
  async requireCustomer(caller: CallerContext, customerId: number): Promise<void> {
    await this.rpc.request(AccountsContracts.CustomerGet, { id: String(customerId) }, caller);
  }
}
