import { MikroORM } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrmOptions, type DatabaseSettings } from './orm-options.js';
import { runMigrations } from './migrate.js';
import { ACROSS_TENANTS, tenantScope, TenantOwned, TenantOwnedEntity } from './tenant-scope.js';

@Entity({ tableName: 'note' })
@TenantOwned()
class Note extends TenantOwnedEntity {
  @PrimaryKey()
  id!: number;

  @Property()
  text!: string;
}

class NoteMigration extends Migration {
  override up(): void {
    this.addSql('create table "note" ("id" integer not null primary key, "tenant_id" varchar(36) not null, "text" varchar(255) not null)');
  }
}

describe('tenant scoping', () => {
  let dataDir: string;
  let orm: MikroORM;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tenant-scope-'));
    const settings: DatabaseSettings = { service: 'notes', dataDir, poolMax: 1 };
    const options = buildOrmOptions(settings, { entities: [Note], migrations: [{ name: '0001', class: NoteMigration }] });
    await runMigrations(settings, options);
    orm = await MikroORM.init(options);
    const em = orm.em.fork();
    em.create(Note, { id: 1, tenantId: 'a', text: 'of a' });
    em.create(Note, { id: 2, tenantId: 'b', text: 'of b' });
    await em.flush();
  });
  afterAll(async () => {
    await orm.close(true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a scoped unit of work only its own tenant', async () => {
    expect((await tenantScope(orm.em, 'a').find(Note, {})).map((n) => n.text)).toEqual(['of a']);
    expect(await tenantScope(orm.em, 'a').findOne(Note, { id: 2 })).toBeNull();
    expect(await tenantScope(orm.em, 'b').count(Note, {})).toBe(1);
  });

  it('keeps updates and deletes inside the tenant', async () => {
    await tenantScope(orm.em, 'a').nativeUpdate(Note, {}, { text: 'changed' });
    await tenantScope(orm.em, 'a').nativeDelete(Note, { id: 2 });
    const all = await orm.em.fork().find(Note, {}, { ...ACROSS_TENANTS, orderBy: { id: 'asc' } });
    expect(all.map((n) => n.text)).toEqual(['changed', 'of b']);
  });

  it('fails loudly when a query forgets the tenant', async () => {
    await expect(orm.em.fork().find(Note, {})).rejects.toThrow(/tenant/);
  });
});
