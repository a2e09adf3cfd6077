import { MikroORM, type Options } from '@mikro-orm/core';
import type { DatabaseSettings } from './orm-options.js';
import { isPostgres, sqliteFile } from './orm-options.js';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The migrate step: brings one service's database up to date and hands the open ORM to `after`
 * (for first-run data such as the bootstrap admin), then closes it. Never called from a module hook.
 */
export async function runMigrations(
  settings: DatabaseSettings,
  options: Partial<Options>,
  after?: (orm: MikroORM) => Promise<void>,
): Promise<string[]> {
  const file = isPostgres(settings) ? undefined : sqliteFile(settings);
  if (file) {
    mkdirSync(settings.dataDir, { recursive: true });
    keepPrivate(file);
  }
  const orm = await MikroORM.init(options);
  try {
    const connection = orm.em.getConnection();
    if (isPostgres(settings)) {
      await connection.execute(`create schema if not exists "${settings.service}"`);
    } else {
      // WAL lets several replicas of a service read and write the same file; the setting persists.
      await connection.execute('pragma journal_mode = wal');
    }
    const applied = await orm.migrator.up();
    if (after) await after(orm);
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
    if (file) keepPrivate(file);
  }
}

/**
 * A SQLite file holds password hashes and every tenant's data: only its owner may read it, like the
 * token key. The file is created 0600 before SQLite opens it (SQLite gives its -wal and -shm files
 * the database's mode), and files made by an earlier version are narrowed.
 */
function keepPrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
