import { Controller } from '@nestjs/common';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { CallRateImportService } from './call-rate-import.service.js';
import { CallRateService } from './call-rate.service.js';

@Controller()
export class CallRateController {
  constructor(
    private readonly rates: CallRateService,
    private readonly imports: CallRateImportService,
  ) {}

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
    return this.imports.importFile(caller, data.csv);
  }

  @Handles(TelephonyContracts.CallRateImportBegin)
  beginImport(_data: unknown, caller: CallerContext) {
    return this.imports.begin(caller);
  }

  @Handles(TelephonyContracts.CallRateImportPart)
  importPart(data: { importId: string; part: number; text: string }, caller: CallerContext) {
    return this.imports.part(caller, data.importId, data.part, data.text);
  }

  @Handles(TelephonyContracts.CallRateImportCommit)
  commitImport(data: { importId: string }, caller: CallerContext) {
    return this.imports.commit(caller, data.importId);
  }
}
