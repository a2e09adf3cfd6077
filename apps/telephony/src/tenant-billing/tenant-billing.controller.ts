import { Controller } from '@nestjs/common';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { TenantBillingService } from './tenant-billing.service.js';

@Controller()
export class TenantBillingController {
  constructor(private readonly billing: TenantBillingService) {}

  @Handles(TelephonyContracts.TenantBillingGet)
  get(_data: unknown, caller: CallerContext) {
    return this.billing.get(caller);
  }

  @Handles(TelephonyContracts.TenantBillingUpdate)
  update(data: Record<string, unknown> | undefined, caller: CallerContext) {
    return this.billing.update(caller, data ?? {});
  }
}
