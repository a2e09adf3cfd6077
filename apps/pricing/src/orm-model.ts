import type { ModelDefinition } from '@billing/persistence';
import { CurrencyEntity } from './currency/currency.entity.js';
import { CurrencyMigration } from './migrations/0001-currency.migration.js';

/** Every entity and, in order, every migration of the pricing database. */
export const ormModel: ModelDefinition = {
  entities: [CurrencyEntity],
  migrations: [{ name: '0001-currency', class: CurrencyMigration }],
};
