import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { AuditReader } from './audit/audit.reader.js';
import { DatabaseProbe } from './database-health.js';
import { DATABASE_SETTINGS, DatabaseObservation } from './database-observation.js';
import { IdempotentRepliesInterceptor } from './idempotency/idempotent-replies.interceptor.js';
import { buildOrmOptions, type DatabaseSettings, type ModelDefinition } from './orm-options.js';

/**
 * Opens the service's own database (the ORM module is global). Both engines are SQL, so services may
 * also inject the SQL EntityManager (query builder) whichever driver is configured. Schema changes
 * happen only in the migrate step.
 */
@Module({})
export class DatabaseModule {
  static forRoot(settings: DatabaseSettings, model: ModelDefinition): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [MikroOrmModule.forRoot({ ...buildOrmOptions(settings, model), registerRequestContext: false })],
      providers: [
        { provide: SqlEntityManager, useExisting: EntityManager },
        DatabaseProbe,
        AuditReader,
        // Pool gauges for /metrics, and a span per query while tracing is on.
        { provide: DATABASE_SETTINGS, useValue: settings },
        DatabaseObservation,
        // Every service answers repeats of Idempotency-Key writes from its own records.
        { provide: APP_INTERCEPTOR, useClass: IdempotentRepliesInterceptor },
      ],
      exports: [SqlEntityManager, DatabaseProbe, AuditReader],
    };
  }
}
