import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/core';
import { buildOrmOptions } from '@billing/persistence';
import { migratedSqlite } from './database.js';

class Widgets extends Migration {
  override up(): void {
    this.addSql('create table "widget" ("id" integer not null primary key)');
  }
}

describe('migratedSqlite', () => {
  it('gives a service its own migrated SQLite file and removes it afterwards', async () => {
    const model = { entities: [], migrations: [{ name: '0001-widgets', class: Widgets }] };
    const db = await migratedSqlite('widgets', model);
    const file = join(db.settings.dataDir, 'widgets.sqlite');
    expect(existsSync(file)).toBe(true);
    const orm = await MikroORM.init(buildOrmOptions(db.settings, model));
    try {
      expect(await orm.em.getConnection().execute('select count(*) as n from widget')).toEqual([{ n: 0 }]);
      expect(await orm.migrator.getPending()).toEqual([]);
    } finally {
      await orm.close(true);
    }
    db.remove();
    expect(existsSync(file)).toBe(false);
  });
});
