import { Module, type DynamicModule } from '@nestjs/common';
import { AuditReader, DatabaseModule, DatabaseProbe } from '@billing/persistence';
import { auditController, serviceHealthController, ServiceEventsModule } from '@billing/rpc';
import { ACCOUNTS_CONFIG, type AccountsConfig } from './config/app.config.js';
import { BillingAccountModule } from './billing-account/billing-account.module.js';
import { CustomerModule } from './customer/customer.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { ormModel } from './orm-model.js';

@Module({})
export class AppModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(config.database, ormModel),
        ServiceEventsModule.forRoot({ app: config.service, nats: config.nats }),
        IdentityModule,
        CustomerModule,
        BillingAccountModule,
      ],
      controllers: [serviceHealthController('accounts', DatabaseProbe), auditController('accounts', AuditReader)],
      providers: [{ provide: ACCOUNTS_CONFIG, useValue: config }],
      exports: [ACCOUNTS_CONFIG],
    };
  }
}
