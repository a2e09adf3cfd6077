import { MikroORM } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrmOptions, type DatabaseSettings } from './orm-options.js';
import { runMigrations } from './migrate.js';
import { ACROSS_TENANTS, tenantScope, TenantOwned, TenantOwnedEntity, TenantScopeError } from './tenant-scope.js';
import { TenantScopedEntityManager } from './tenant-scoped.entity-manager.js';

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
  let em: TenantScopedEntityManager;

  /** What is really in the table, read past the ORM. */
  const rows = async (): Promise<{ id: number; tenant_id: string; text: string }[]> =>
    orm.em.getConnection().execute('select id, tenant_id, text from note order by id');

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tenant-scope-'));
    const settings: DatabaseSettings = { service: 'notes', dataDir, poolMax: 1 };
    const options = buildOrmOptions(settings, { entities: [Note], migrations: [{ name: '0001', class: NoteMigration }] });
    await runMigrations(settings, options);
    orm = await MikroORM.init(options);
    em = orm.em as TenantScopedEntityManager;
    const a = tenantScope(em, 'a');
    a.create(Note, { id: 1, text: 'of a' });
    const b = tenantScope(em, 'b');
    b.create(Note, { id: 2, text: 'of b' });
    await a.flush();
    await b.flush();
  });
  afterEach(async () => {
    await orm.close(true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is the EntityManager every service gets', () => {
    expect(orm.em).toBeInstanceOf(TenantScopedEntityManager);
    expect(tenantScope(em, 'a')).toBeInstanceOf(TenantScopedEntityManager);
  });

  describe('reads, updates and deletes', () => {
    it('shows a scoped unit of work only its own tenant', async () => {
      expect((await tenantScope(em, 'a').find(Note, {})).map((n) => n.text)).toEqual(['of a']);
      expect(await tenantScope(em, 'a').findOne(Note, { id: 2 })).toBeNull();
      expect(await tenantScope(em, 'b').count(Note, {})).toBe(1);
    });

    it('keeps updates and deletes inside the tenant', async () => {
      await tenantScope(em, 'a').nativeUpdate(Note, {}, { text: 'changed' });
      await tenantScope(em, 'a').nativeDelete(Note, { id: 2 });
      const all = await em.fork().find(Note, {}, { ...ACROSS_TENANTS, orderBy: { id: 'asc' } });
      expect(all.map((n) => n.text)).toEqual(['changed', 'of b']);
    });

    it('fails loudly when a query forgets the tenant', async () => {
      await expect(em.fork().find(Note, {})).rejects.toThrow(/tenant/);
    });
  });

  describe('writes', () => {
    it("stamps the scope's tenant on what it creates, in the insert itself", async () => {
      const scoped = tenantScope(em, 'a');
      const note = scoped.create(Note, { id: 3, text: 'new' });
      await scoped.flush();
      expect(note.tenantId).toBe('a');
      expect(await rows()).toContainEqual({ id: 3, tenant_id: 'a', text: 'new' });
    });

    it('stamps inside a transaction and on an entity persisted with new', async () => {
      await tenantScope(em, 'b').transactional(async (tx) => {
        tx.create(Note, { id: 4, text: 'in a transaction' });
        const built = Object.assign(new (Note as unknown as new () => Note)(), { id: 5, text: 'built' });
        tx.persist(built);
      });
      expect((await rows()).filter((r) => r.id >= 4)).toEqual([
        { id: 4, tenant_id: 'b', text: 'in a transaction' },
        { id: 5, tenant_id: 'b', text: 'built' },
      ]);
    });

    it('stamps an upsert', async () => {
      await tenantScope(em, 'a').upsert(Note, { id: 6, text: 'upserted' });
      expect(await rows()).toContainEqual({ id: 6, tenant_id: 'a', text: 'upserted' });
    });

    it("refuses a row that names another tenant than the scope's, and writes nothing", async () => {
      const scoped = tenantScope(em, 'a');
      scoped.create(Note, { id: 7, tenantId: 'b', text: 'smuggled' });
      await expect(scoped.flush()).rejects.toThrow(TenantScopeError);
      await expect(tenantScope(em, 'a').upsert(Note, { id: 8, tenantId: 'b', text: 'smuggled' })).rejects.toThrow(TenantScopeError);
      expect((await rows()).map((r) => r.id)).toEqual([1, 2]);
    });

    it('refuses to move a row to another tenant', async () => {
      const scoped = tenantScope(em, 'a');
      const note = await scoped.findOneOrFail(Note, { id: 1 });
      note.tenantId = 'b';
      await expect(scoped.flush()).rejects.toThrow(TenantScopeError);
      expect(await rows()).toContainEqual({ id: 1, tenant_id: 'a', text: 'of a' });
    });

    it('refuses a create outside any tenant scope', async () => {
      const unscoped = em.fork();
      unscoped.create(Note, { id: 9, tenantId: 'a', text: 'no scope' });
      await expect(unscoped.flush()).rejects.toThrow(TenantScopeError);
      expect((await rows()).map((r) => r.id)).toEqual([1, 2]);
    });
  });

  describe('query builders', () => {
    it('refuses an unscoped query builder on a tenant-owned table', () => {
      expect(() => em.fork().createQueryBuilder(Note)).toThrow(TenantScopeError);
      expect(() => em.fork().qb(Note, 'n')).toThrow(TenantScopeError);
    });

    it('confines a scoped query builder to its tenant, whatever conditions it is given', async () => {
      const a = tenantScope(em, 'a');
      const texts = async (query: Promise<{ text: string }[]>) => (await query).map((row) => row.text);

      expect(await texts(a.createQueryBuilder(Note).select(['text']).execute('all', false))).toEqual(['of a']);
      // A later where() replaces earlier conditions and orWhere() widens them: neither reaches b's row.
      expect(await texts(a.createQueryBuilder(Note).select(['text']).where({ id: 2 }).execute('all', false))).toEqual([]);
      expect(await texts(a.createQueryBuilder(Note).select(['text']).where({ id: 1 }).orWhere({ id: 2 }).execute('all', false))).toEqual([
        'of a',
      ]);
      expect(await a.createQueryBuilder(Note).getCount()).toBe(1);
      const [entities, count] = await a
        .createQueryBuilder(Note, 'n')
        .where({ id: { $gt: 0 } })
        .getResultAndCount();
      expect([entities.map((n) => n.id), count]).toEqual([[1], 1]);
    });

    it('confines query-builder updates and deletes, and refuses inserts', async () => {
      const a = tenantScope(em, 'a');
      await a
        .createQueryBuilder(Note)
        .update({ text: 'touched' })
        .where({ id: { $in: [1, 2] } })
        .execute();
      await a.createQueryBuilder(Note).delete({ id: 2 }).execute();
      expect(await rows()).toEqual([
        { id: 1, tenant_id: 'a', text: 'touched' },
        { id: 2, tenant_id: 'b', text: 'of b' },
      ]);
      await expect(a.createQueryBuilder(Note).insert({ id: 10, text: 'raw' }).execute()).rejects.toThrow(TenantScopeError);
    });
  });
});
