import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { BillingAccountsModule } from './billing-accounts/billing-accounts.module.js';
import { BillingApiModule } from './billing-api/billing-api.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/app.config.js';
import { CustomersModule } from './customers/customers.module.js';
import { HttpErrorFilter } from './errors/http-error.filter.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { RpcModule } from './rpc/rpc.module.js';
import { TelephonyModule } from './telephony/telephony.module.js';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [RpcModule, AuthModule, HealthModule, IdentityModule, BillingApiModule, CustomersModule, BillingAccountsModule, TelephonyModule],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, transform: true, forbidUnknownValues: false }),
        },
      ],
      exports: [GATEWAY_CONFIG],
    };
  }
}
