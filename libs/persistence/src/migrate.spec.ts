import { MikroORM } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from './migrate.js';
import { buildOrmOptions, sqliteFile, type DatabaseSettings } from './orm-options.js';

class SecretMigration extends Migration {
  override up(): void {
    this.addSql('create table "secret" ("id" integer not null primary key, "hash" varchar(255) not null)');
  }
}

/** The permission bits anyone but the owner has. */
const othersMode = (path: string) => statSync(path).mode & 0o077;

describe('the migrate step on SQLite', () => {
  let dataDir: string;
  let settings: DatabaseSettings;
  const options = () => buildOrmOptions(settings, { entities: [], migrations: [{ name: '0001', class: SecretMigration }] });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'migrate-'));
    settings = { service: 'accounts', dataDir, poolMax: 1 };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the database file readable by its owner only, and so are the -wal and -shm files SQLite adds', async () => {
    await runMigrations(settings, options());
    const file = sqliteFile(settings);
    expect(othersMode(file)).toBe(0);

    // A service writing to it, as at run time: SQLite creates the WAL files beside it.
    const orm = await MikroORM.init(options());
    try {
      await orm.em.getConnection().execute(`insert into "secret" ("id", "hash") values (1, 'scrypt$...')`);
      for (const suffix of ['-wal', '-shm']) {
        expect(existsSync(`${file}${suffix}`)).toBe(true);
        expect(othersMode(`${file}${suffix}`)).toBe(0);
      }
    } finally {
      await orm.close(true);
    }
  });

  it('narrows a database file an earlier version left readable by others', async () => {
    const file = sqliteFile(settings);
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    await runMigrations(settings, options());
    expect(othersMode(file)).toBe(0);
  });
});
