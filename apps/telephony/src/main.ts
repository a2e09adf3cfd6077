import { DatabaseProbe } from '@billing/persistence';
import { bootstrapService } from '@billing/rpc';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app.config.js';

const config = loadConfig();
// Readiness (/readyz on the ops port) asks NATS and the database.
await bootstrapService(AppModule.forRoot(config), { ...config, readiness: DatabaseProbe });
