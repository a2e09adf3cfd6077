import { Injectable } from '@nestjs/common';
import { PricingContracts, type CallerContext } from '@billing/contracts';
import { RpcClient } from '../rpc/rpc.client.js';
import { ok } from './billing-api.surface.js';
import type { CurrenciesResponseDto } from './billing-api.dto.js';

/** Document 000's operations, each answered in the document's envelope; both URL forms call these. */
@Injectable()
export class BillingApiService {
  constructor(private readonly rpc: RpcClient) {}

  async currencies(caller: CallerContext): Promise<CurrenciesResponseDto> {
    const { currencies } = await this.rpc.request(PricingContracts.CurrencyList, {}, caller);
    return ok('Currencies Retrieved Successfully', { currencies });
  }
}
