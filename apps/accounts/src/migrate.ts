import { NestFactory } from '@nestjs/core';
import { buildOrmOptions, runMigrations } from '@billing/persistence';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app.config.js';
import { TenantService } from './identity/tenant.service.js';
import { ormModel } from './orm-model.js';

const config = loadConfig();
const applied = await runMigrations(config.database, buildOrmOptions(config.database, ormModel));
console.log(JSON.stringify({ app: 'accounts', migrated: applied }));

// First run only: the first tenant and its admin. This is data, not schema, but it belongs to the
// same one-off step so that replicas starting together never race to create it.
const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
try {
  const result = await context.get(TenantService).ensureBootstrap();
  if (result.generatedPassword) {
    // Shown once, on the operator's terminal; never logged through the JSON logger.
    process.stdout.write(
      `\n  First run: created tenant "${config.bootstrap.org}" with admin "${config.bootstrap.username}".\n` +
        `  Generated password (shown only now): ${result.generatedPassword}\n` +
        `  Set ADMIN_PASSWORD to choose it yourself.\n\n`,
    );
  }
} finally {
  await context.close();
}
