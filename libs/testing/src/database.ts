import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrmOptions, runMigrations, type DatabaseSettings, type ModelDefinition } from '@billing/persistence';

export interface MigratedDatabase {
  settings: DatabaseSettings;
  /** Removes the database files. */
  remove(): void;
}

/** A fresh SQLite database for one service, migrated exactly as the migrate step does it. */
export async function migratedSqlite(service: string, model: ModelDefinition): Promise<MigratedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `billing-${service}-`));
  const settings: DatabaseSettings = { service, dataDir, poolMax: 1 };
  await runMigrations(settings, { ...buildOrmOptions(settings, model), debug: false });
  return { settings, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}
