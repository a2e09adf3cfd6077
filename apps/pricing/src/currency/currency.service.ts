import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { PricingContracts } from '@billing/contracts';
import { CurrencyEntity } from './currency.entity.js';

@Injectable()
export class CurrencyService {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<PricingContracts.CurrencyListResponse> {
    const rows = await this.em.fork().find(CurrencyEntity, {}, { orderBy: { code: 'asc' } });
    return { currencies: rows.map(({ code, name, symbol }) => ({ code, name, symbol })) };
  }
}
