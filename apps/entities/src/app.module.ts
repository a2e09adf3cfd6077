import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@billing/config';
import { AuditReader, DatabaseModule, DatabaseProbe } from '@billing/persistence';
import { auditController, serviceHealthController } from '@billing/rpc';
import { ormModel } from './orm-model.js';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(config.database, ormModel)],
      controllers: [serviceHealthController('entities', DatabaseProbe), auditController('entities', AuditReader)],
    };
  }
}
