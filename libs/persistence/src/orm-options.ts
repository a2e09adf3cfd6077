import { join, resolve } from 'node:path';
import type { Options, MigrationObject } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { AuditRecordEntity } from './audit/audit-record.entity.js';
import { AuditMigration } from './audit/audit.migration.js';
import { AuditSubscriber } from './audit/audit.subscriber.js';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity.js';
import { IdempotencyMigration } from './idempotency/idempotency.migration.js';
import { IdempotentCallSubscriber } from './idempotency/idempotent-call.js';
import { TenantScopedEntityManager } from './tenant-scoped.entity-manager.js';
import { TenantStampSubscriber } from './tenant-stamp.subscriber.js';

export interface DatabaseSettings {
  /** The owning service: names its SQLite file, or its PostgreSQL schema. */
  service: string;
  dataDir: string;
  /** When set, PostgreSQL; otherwise one SQLite file per service under dataDir. */
  databaseUrl?: string;
  poolMax: number;
}

export interface ModelDefinition {
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
}

/**
 * What every service's database holds besides its own model: the record of calls made under an
 * Idempotency-Key, and the audit trail. Their migrations run after the service's own, under names
 * of their own.
 */
function withPlatformTables(model: ModelDefinition): ModelDefinition {
  return {
    entities: [...model.entities, IdempotencyRecordEntity, AuditRecordEntity],
    migrations: [
      ...model.migrations,
      { name: 'platform-0001-idempotency', class: IdempotencyMigration },
      { name: 'platform-0002-audit', class: AuditMigration },
    ],
  };
}

export function isPostgres(settings: DatabaseSettings): boolean {
  return Boolean(settings.databaseUrl);
}

export function sqliteFile(settings: DatabaseSettings): string {
  return resolve(join(settings.dataDir, `${settings.service}.sqlite`));
}

/**
 * One ORM configuration for both engines. Migrations are listed explicitly (no file globbing), so
 * the built output needs no migration folder layout, and they run only from the migrate step.
 */
export function buildOrmOptions(settings: DatabaseSettings, service: ModelDefinition): Partial<Options> {
  const model = withPlatformTables(service);
  const common = {
    entities: model.entities,
    extensions: [Migrator],
    // Property types come from the decorators' emitted metadata (swc emits it, as tsc would).
    metadataProvider: ReflectMetadataProvider,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    // Tenant-owned rows are written with the scope's tenant, and query builders are confined to it.
    entityManager: TenantScopedEntityManager,
    // The audit rows, then the Idempotency-Key call's commit mark, go in just before a transaction commits.
    subscribers: [new TenantStampSubscriber(), new AuditSubscriber(), new IdempotentCallSubscriber()],
  } satisfies Partial<Options>;

  if (isPostgres(settings)) {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: settings.databaseUrl,
      schema: settings.service,
      pool: { min: 0, max: settings.poolMax },
      migrations: { migrationsList: model.migrations, schema: settings.service, snapshot: false, silent: true },
    };
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: sqliteFile(settings),
    migrations: { migrationsList: model.migrations, snapshot: false, silent: true },
    onCreateConnection: async (connection) => beginImmediately(connection as SqliteConnection),
  };
}

/** The part of Kysely's SQLite connection that runs a statement. */
interface SqliteConnection {
  executeQuery(query: { sql: string }): Promise<unknown>;
}

/**
 * Transactions on SQLite begin IMMEDIATE, taking the database's write lock at once (waiting for it
 * as the busy timeout allows). A plain (deferred) BEGIN takes it at the first write; when another
 * process (a replica sharing the file) wrote since the transaction's first read, SQLite cannot
 * upgrade and fails at once with "database is locked", without waiting: two replicas numbering
 * quotes at the same moment would answer 500.
 */
function beginImmediately(connection: SqliteConnection): void {
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = (query) => execute(query.sql === 'begin' ? { ...query, sql: 'begin immediate' } : query);
}
