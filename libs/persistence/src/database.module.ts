import { Module, type DynamicModule } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { buildOrmOptions, type DatabaseSettings, type ModelDefinition } from './orm-options.js';

/** Opens the service's own database (the ORM module is global). Schema changes happen only in the migrate step. */
@Module({})
export class DatabaseModule {
  static forRoot(settings: DatabaseSettings, model: ModelDefinition): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [MikroOrmModule.forRoot({ ...buildOrmOptions(settings, model), registerRequestContext: false })],
    };
  }
}
