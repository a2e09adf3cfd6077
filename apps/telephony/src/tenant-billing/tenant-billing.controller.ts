import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TelephonyContracts, type RpcEnvelope } from '@billing/contracts';
import { requireCaller } from '@billing/rpc';
import { TenantBillingService } from './tenant-billing.service.js';

@Controller()
export class TenantBillingController {
  constructor(private readonly billing: TenantBillingService) {}

  @MessagePattern(TelephonyContracts.TenantBillingGet.pattern)
  get(@Payload() message: RpcEnvelope<Record<string, never>>) {
    return this.billing.get(requireCaller(message));
  }

  @MessagePattern(TelephonyContracts.TenantBillingUpdate.pattern)
  update(@Payload() message: RpcEnvelope<Record<string, unknown>>) {
    return this.billing.update(requireCaller(message), message.data ?? {});
  }
}
