import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@billing/config';
import { DatabaseModule, databaseHealthController } from '@billing/persistence';
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
      imports: [DatabaseModule.forRoot(config.database, ormModel), TenantBillingModule, CallRateModule, RatingModule],
      controllers: [databaseHealthController('telephony')],
      providers: [{ provide: TELEPHONY_CONFIG, useValue: config }],
      exports: [TELEPHONY_CONFIG],
    };
  }
}
