import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@billing/config';
import { AuditReader, DatabaseModule, DatabaseProbe } from '@billing/persistence';
import { auditController, serviceHealthController, ServiceEventsModule } from '@billing/rpc';
import { CallRateModule } from './call-rate/call-rate.module.js';
import { TELEPHONY_CONFIG } from './config/app.config.js';
import { ormModel } from './orm-model.js';
import { RatingModule } from './rating/rating.module.js';
import { TenantBillingModule } from './tenant-billing/tenant-billing.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(config.database, ormModel),
        ServiceEventsModule.forRoot({ app: config.service, nats: config.nats }),
        TenantBillingModule,
        CallRateModule,
        RatingModule,
      ],
      controllers: [serviceHealthController('telephony', DatabaseProbe), auditController('telephony', AuditReader)],
      providers: [{ provide: TELEPHONY_CONFIG, useValue: config }],
      exports: [TELEPHONY_CONFIG],
    };
  }
}
