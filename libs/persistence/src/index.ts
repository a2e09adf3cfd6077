export * from './orm-options.js';
export * from './tenant-scope.js';
export * from './tenant-scoped.entity-manager.js';
export * from './sql-types.js';
export * from './migrate.js';
export * from './database-health.js';
export * from './database.module.js';
