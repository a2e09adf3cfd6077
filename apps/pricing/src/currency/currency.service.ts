import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sql';
import { ValidationException, type PricingContracts } from '@billing/contracts';
import type { Currency } from '@billing/money';
import { CurrencyEntity } from './currency.entity.js';

@Injectable()
export class CurrencyService {
  /** Reference data written only by migrations: read once per process. */
  private minorUnits?: Promise<Map<string, number>>;

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

  /** The currency a client named, with its minor units (how its amounts round); 400 unless we serve it. */
  async require(code: unknown, field = 'currency'): Promise<Currency> {
    const units = await (this.minorUnits ??= this.loadMinorUnits().catch((error: unknown) => {
      this.minorUnits = undefined; // a failed read is tried again, not remembered
      throw error;
    }));
    const minorUnits = typeof code === 'string' ? units.get(code.toUpperCase()) : undefined;
    if (minorUnits === undefined) {
      throw new ValidationException(`${field} must be one of the codes of /billing/currencies`, { field });
    }
    return { code: (code as string).toUpperCase(), minorUnits };
  }

  private async loadMinorUnits(): Promise<Map<string, number>> {
    const rows = await this.em.fork().find(CurrencyEntity, {});
    return new Map(rows.map((row) => [row.code, row.minorUnits]));
  }
}
