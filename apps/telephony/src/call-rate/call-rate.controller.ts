import { Controller } from '@nestjs/common';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { CallRateService } from './call-rate.service.js';

@Controller()
export class CallRateController {
  constructor(private readonly rates: CallRateService) {}

  @Handles(TelephonyContracts.CallRateList)
  list(data: TelephonyContracts.CallRateListRequest, caller: CallerContext) {
    return this.rates.list(caller, data);
  }

  @Handles(TelephonyContracts.CallRateGet)
  get(data: { id: string }, caller: CallerContext) {
    return this.rates.get(caller, data.id);
  }

  @Handles(TelephonyContracts.CallRateCreate)
  create(data: Record<string, unknown>, caller: CallerContext) {
    return this.rates.create(caller, data);
  }

  @Handles(TelephonyContracts.CallRateUpdate)
  update(data: { id: string; changes: Record<string, unknown> }, caller: CallerContext) {
    return this.rates.update(caller, data.id, data.changes);
  }

  @Handles(TelephonyContracts.CallRateDestroy)
  destroy(data: { id: string }, caller: CallerContext) {
    return this.rates.destroy(caller, data.id);
  }

  @Handles(TelephonyContracts.CallRateExport)
  export(_data: unknown, caller: CallerContext) {
    return this.rates.export(caller);
  }

  @Handles(TelephonyContracts.CallRateImport)
  import(data: { csv: string }, caller: CallerContext) {
    return this.rates.import(caller, data.csv);
  }
}
