import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@billing/config';
import { AuditReader, DatabaseModule, DatabaseProbe } from '@billing/persistence';
import { auditController, serviceHealthController, ServiceRpcModule } from '@billing/rpc';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CurrencyModule } from './currency/currency.module.js';
import { CustomerDirectoryModule } from './customer/customer.module.js';
import { ormModel } from './orm-model.js';
import { PromoModule } from './promo/promo.module.js';
import { QuoteModule } from './quote/quote.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(config.database, ormModel),
        ServiceRpcModule.forRoot(config),
        CustomerDirectoryModule,
        CurrencyModule,
        CatalogueModule,
        PromoModule,
        QuoteModule,
      ],
      controllers: [serviceHealthController('pricing', DatabaseProbe), auditController('pricing', AuditReader)],
    };
  }
}
