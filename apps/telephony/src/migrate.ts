import { buildOrmOptions, runMigrations } from '@billing/persistence';
import { loadConfig } from './config/app.config.js';
import { ormModel } from './orm-model.js';

const config = loadConfig();
const applied = await runMigrations(config.database, buildOrmOptions(config.database, ormModel));
console.log(JSON.stringify({ app: 'telephony', migrated: applied }));
