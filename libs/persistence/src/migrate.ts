import { MikroORM, type Options } from '@mikro-orm/core';
import type { DatabaseSettings } from './orm-options.js';
import { isPostgres } from './orm-options.js';
import { mkdirSync } from 'node:fs';

/**
 * The migrate step: brings one service's database up to date and hands the open ORM to `after`
 * (for first-run data such as the bootstrap admin), then closes it. Never called from a module hook.
 */
export async function runMigrations(
  settings: DatabaseSettings,
  options: Partial<Options>,
  after?: (orm: MikroORM) => Promise<void>,
): Promise<string[]> {
  if (!isPostgres(settings)) mkdirSync(settings.dataDir, { recursive: true });
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
  }
}
