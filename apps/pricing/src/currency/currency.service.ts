import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sql';
import { ValidationException, type PricingContracts } from '@billing/contracts';
import type { Currency } from '@billing/money';
import { CurrencyEntity } from './currency.entity.js';

@Injectable()
export class CurrencyService implements OnApplicationBootstrap {
  /** Reference data written only by migrations: read once per process. */
  private minorUnits?: Promise<Map<string, number>>;

  constructor(private readonly em: EntityManager) {}

  /**
   * Reads the table before the first request, so that no transaction (a promo update checks its
   * currency under the promo's lock) waits on a read of its own. A failure here is retried on use.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.table().catch(() => undefined);
  }

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
    const units = await this.table();
    const minorUnits = typeof code === 'string' ? units.get(code.toUpperCase()) : undefined;
    if (minorUnits === undefined) {
      throw new ValidationException(`${field} must be one of the codes of /billing/currencies`, { field });
    }
    return { code: (code as string).toUpperCase(), minorUnits };
  }

  /** Those of `codes` (any case) that we serve, by upper-case code; the caller says what a missing one means. */
  async known(codes: readonly string[]): Promise<Map<string, Currency>> {
    const units = await this.table();
    const found = codes.map((code) => code.toUpperCase()).filter((code) => units.has(code));
    return new Map(found.map((code) => [code, { code, minorUnits: units.get(code)! }]));
  }

  private table(): Promise<Map<string, number>> {
    return (this.minorUnits ??= this.loadMinorUnits().catch((error: unknown) => {
      this.minorUnits = undefined; // a failed read is tried again, not remembered
      throw error;
    }));
  }

  private async loadMinorUnits(): Promise<Map<string, number>> {
    const rows = await this.em.fork().find(CurrencyEntity, {});
    return new Map(rows.map((row) => [row.code, row.minorUnits]));
  }
}
