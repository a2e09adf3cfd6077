import { bootstrapService } from '@billing/rpc';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app.config.js';

const config = loadConfig();
await bootstrapService(AppModule.forRoot(config), config);
