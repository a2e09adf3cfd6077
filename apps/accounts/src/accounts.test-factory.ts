import { Test } from '@nestjs/testing';
import { migratedSqlite } from '@billing/testing';
import { AppModule } from './app.module.js';
import { BillingAccountService } from './billing-account/billing-account.service.js';
import { loadConfig } from './config/app.config.js';
import { SignInService } from './identity/sign-in.service.js';
import { TenantService } from './identity/tenant.service.js';
import { UserService } from './identity/user.service.js';
import { ormModel } from './orm-model.js';

/** The accounts service on a fresh, migrated SQLite database, without NATS: its services and a close(). */
export async function createAccounts(env: Record<string, string> = {}) {
  const db = await migratedSqlite('accounts', ormModel);
  const config = loadConfig({ DATA_DIR: db.settings.dataDir, ADMIN_PASSWORD: 'bootstrap-password', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  await moduleRef.init();
  return {
    signIn: moduleRef.get(SignInService),
    users: moduleRef.get(UserService),
    tenants: moduleRef.get(TenantService),
    billingAccounts: moduleRef.get(BillingAccountService),
    close: async () => {
      await moduleRef.close();
      db.remove();
    },
  };
}
