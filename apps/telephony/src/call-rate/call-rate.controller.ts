import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TelephonyContracts, type RpcEnvelope } from '@billing/contracts';
import { requireCaller } from '@billing/rpc';
import { CallRateService } from './call-rate.service.js';

@Controller()
export class CallRateController {
  constructor(private readonly rates: CallRateService) {}

  @MessagePattern(TelephonyContracts.CallRateList.pattern)
  list(@Payload() message: RpcEnvelope<TelephonyContracts.CallRateListRequest>) {
    return this.rates.list(requireCaller(message), message.data ?? {});
  }

  @MessagePattern(TelephonyContracts.CallRateGet.pattern)
  get(@Payload() message: RpcEnvelope<{ id: string }>) {
    return this.rates.get(requireCaller(message), message.data.id);
  }

  @MessagePattern(TelephonyContracts.CallRateCreate.pattern)
  create(@Payload() message: RpcEnvelope<Record<string, unknown>>) {
    return this.rates.create(requireCaller(message), message.data);
  }

  @MessagePattern(TelephonyContracts.CallRateUpdate.pattern)
  update(@Payload() message: RpcEnvelope<{ id: string; changes: Record<string, unknown> }>) {
    return this.rates.update(requireCaller(message), message.data.id, message.data.changes);
  }

  @MessagePattern(TelephonyContracts.CallRateDestroy.pattern)
  destroy(@Payload() message: RpcEnvelope<{ id: string }>) {
    return this.rates.destroy(requireCaller(message), message.data.id);
  }

  @MessagePattern(TelephonyContracts.CallRateExport.pattern)
  export(@Payload() message: RpcEnvelope<Record<string, never>>) {
    return this.rates.export(requireCaller(message));
  }

  @MessagePattern(TelephonyContracts.CallRateImport.pattern)
  import(@Payload() message: RpcEnvelope<{ csv: string }>) {
    return this.rates.import(requireCaller(message), message.data.csv);
  }
}
