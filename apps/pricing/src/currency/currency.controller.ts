import { Controller } from '@nestjs/common';
import { PricingContracts } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { CurrencyService } from './currency.service.js';

@Controller()
export class CurrencyController {
  constructor(private readonly currencies: CurrencyService) {}

  @Handles(PricingContracts.CurrencyList)
  list(): Promise<PricingContracts.CurrencyListResponse> {
    return this.currencies.list();
  }
}
