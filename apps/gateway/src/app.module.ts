import { Module, ValidationPipe, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { BillingAccountsModule } from './billing-accounts/billing-accounts.module.js';
import { BillingApiModule } from './billing-api/billing-api.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/app.config.js';
import { CustomersModule } from './customers/customers.module.js';
import { HttpErrorFilter } from './errors/http-error.filter.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { ServiceEventsModule } from '@billing/rpc';
import { RpcModule } from './rpc/rpc.module.js';
import { MediaTypeGuard } from './surface/media-type.guard.js';
import { SurfaceModule } from './surface/surface.module.js';
import { TelephonyModule } from './telephony/telephony.module.js';

/** The API dialects: each module declares its own surface, routes and commands. */
export const DIALECTS: readonly Type<unknown>[] = [BillingApiModule, CustomersModule, BillingAccountsModule, TelephonyModule];

@Module({})
export class AppModule {
  /** `dialects` is for tests that plug in a dialect of their own beside the real ones. */
  static forRoot(config: GatewayConfig, dialects: readonly Type<unknown>[] = DIALECTS): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        RpcModule,
        ServiceEventsModule.forRoot({ app: 'gateway', nats: config.nats }),
        SurfaceModule,
        AuthModule,
        HealthModule,
        IdentityModule,
        AuditModule,
        ...dialects,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        // In this order: who the caller is, then what media the route takes and answers in.
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useExisting: MediaTypeGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, transform: true, forbidUnknownValues: false }),
        },
      ],
      exports: [GATEWAY_CONFIG],
    };
  }
}
