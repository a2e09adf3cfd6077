import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sql';
import type { PricingContracts } from '@billing/contracts';
import { CurrencyEntity } from './currency.entity.js';

@Injectable()
export class CurrencyService {
  constructor(private readonly em: EntityManager) {}

  /** A plain read of reference data: rows straight to the contract shape, no entity tracking. */
  async list(): Promise<PricingContracts.CurrencyListResponse> {
    const currencies = await this.em
      .fork()
      .createQueryBuilder(CurrencyEntity)
      .select(['code', 'name', 'symbol'])
      .orderBy({ code: 'asc' })
      .execute<PricingContracts.Currency[]>('all', false);
    return { currencies };
  }
}
