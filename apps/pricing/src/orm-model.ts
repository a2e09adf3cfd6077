import type { ModelDefinition } from '@billing/persistence';
import { BillingTermEntity } from './catalogue/billing-term.entity.js';
import { CustomerPriceEntity } from './catalogue/customer-price.entity.js';
import { OptionGroupEntity } from './catalogue/option-group.entity.js';
import { ProductPriceEntity } from './catalogue/product-price.entity.js';
import { ProductEntity } from './catalogue/product.entity.js';
import { CurrencyEntity } from './currency/currency.entity.js';
import { CurrencyMigration } from './migrations/0001-currency.migration.js';
import { CatalogueMigration } from './migrations/0002-catalogue.migration.js';
import { PromoMigration } from './migrations/0003-promo.migration.js';
import { PromoRedemptionEntity } from './promo/promo-redemption.entity.js';
import { PromoCodeEntity } from './promo/promo.entity.js';
import { QuoteMigration } from './migrations/0004-quote.migration.js';
import { CustomerLockMigration } from './migrations/0005-customer-lock.migration.js';
import { QuoteLineEntity } from './quote/quote-line.entity.js';
import { QuoteEntity } from './quote/quote.entity.js';
import { TenantSequenceEntity } from './quote/tenant-sequence.entity.js';

/** Every entity and, in order, every migration of the pricing database. */
export const ormModel: ModelDefinition = {
  entities: [
    CurrencyEntity,
    ProductEntity,
    ProductPriceEntity,
    CustomerPriceEntity,
    BillingTermEntity,
    OptionGroupEntity,
    PromoCodeEntity,
    PromoRedemptionEntity,
    QuoteEntity,
    QuoteLineEntity,
    TenantSequenceEntity,
  ],
  migrations: [
    { name: '0001-currency', class: CurrencyMigration },
    { name: '0002-catalogue', class: CatalogueMigration },
    { name: '0003-promo', class: PromoMigration },
    { name: '0004-quote', class: QuoteMigration },
    { name: '0005-customer-lock', class: CustomerLockMigration },
  ],
};
