import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PricingContracts } from '@billing/contracts';
import { CurrencyService } from './currency.service.js';

@Controller()
export class CurrencyController {
  constructor(private readonly currencies: CurrencyService) {}

  @MessagePattern(PricingContracts.CurrencyList.pattern)
  list(): Promise<PricingContracts.CurrencyListResponse> {
    return this.currencies.list();
  }
}
