import { Test, type TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import type { CallerContext } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { migratedSqlite, type MigratedDatabase } from '@billing/testing';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app.config.js';
import { ormModel } from '../orm-model.js';
import { CallRateImportEntity, CallRateImportRowEntity } from './call-rate-import.entity.js';
import { CallRateImportService } from './call-rate-import.service.js';
import { CallRateEntity } from './call-rate.entity.js';

const HEADER = 'prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description\r\n';
const row = (prefix: string, type = 'LOCAL') => `${prefix},${type},0,5,60,30,0.02,0.1,0.1,0.04,rate ${prefix}\r\n`;
const caller = (tenantId: string): CallerContext => ({
  tenantId,
  tenantName: tenantId,
  userId: 'u',
  username: 'admin',
  roles: ['admin'],
  operator: false,
});
const ACME = caller('acme');

/** Cuts a text in `n` parts of about equal size, anywhere (mid-record included). */
const cut = (text: string, n: number) =>
  Array.from({ length: n }, (_, i) => text.slice((i * text.length) / n, ((i + 1) * text.length) / n));

describe('CallRateImportService: an import in parts, served by two replicas on one database', () => {
  let db: MigratedDatabase;
  let replicas: TestingModule[];
  let imports: CallRateImportService[];
  let em: EntityManager;

  beforeAll(async () => {
    db = await migratedSqlite('telephony', ormModel);
    const config = loadConfig({ DATA_DIR: db.settings.dataDir, NATS_NAMESPACE: `unit_${randomBytes(6).toString('hex')}` });
    replicas = await Promise.all(
      [1, 2].map(async () => {
        const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
        return moduleRef.init();
      }),
    );
    imports = replicas.map((moduleRef) => moduleRef.get(CallRateImportService));
    em = replicas[0]!.get(EntityManager);
  });
  afterAll(async () => {
    for (const moduleRef of replicas ?? []) await moduleRef.close();
    db?.remove();
  });

  /** Sends each part to the replicas in turn, as a queue group may. */
  async function importInParts(csv: string, parts: number, who = ACME) {
    const { importId } = await imports[0]!.begin(who);
    for (const [i, text] of cut(csv, parts).entries()) await imports[i % 2]!.part(who, importId, i, text);
    return imports[parts % 2]!.commit(who, importId);
  }

  const staged = async () => ({
    imports: await em.fork().count(CallRateImportEntity, {}, { filters: false }),
    rows: await em.fork().count(CallRateImportRowEntity, {}),
  });
  const prefixes = async (tenantId = 'acme') =>
    (await tenantScope(em, tenantId).find(CallRateEntity, {}, { orderBy: { prefix: 'asc' } })).map((rate) => rate.prefix);

  it('imports a file cut anywhere into parts that alternate between replicas, then keeps nothing staged', async () => {
    const csv = HEADER + Array.from({ length: 2_000 }, (_, i) => row(String(10_000 + i))).join('');
    expect(await importInParts(csv, 7)).toEqual({ created: 2_000, updated: 0 });
    expect(await prefixes()).toHaveLength(2_000);
    expect(await importInParts(csv.replaceAll('rate ', 'new '), 3)).toEqual({ created: 0, updated: 2_000 });
    const [first] = await tenantScope(em, 'acme').find(CallRateEntity, { prefix: '10000' });
    expect(first).toMatchObject({ description: 'new 10000', price_1: '10000', tenantId: 'acme', id: expect.stringMatching(/^\d{20}$/) });
    // Written by plain SQL, read back by the ORM: the same timestamps, the update's the later.
    expect(Date.now() - first!.created_at.getTime()).toBeLessThan(60_000);
    expect(first!.updated_at.getTime()).toBeGreaterThan(first!.created_at.getTime());
    expect(await staged()).toEqual({ imports: 0, rows: 0 });
  });

  it('writes text exactly, whatever quotes, question marks or backslashes it holds', async () => {
    const description = `it's a "test"? \\ ?? '' $1 \u00e9 📞`;
    const csv = `${HEADER}${row('555').replace('rate 555', `"${description.replaceAll('"', '""')}"`)}`;
    expect(await importInParts(csv, 2)).toEqual({ created: 1, updated: 0 });
    const [rate] = await tenantScope(em, 'acme').find(CallRateEntity, { prefix: '555' });
    expect(rate!.description).toBe(description);
  });

  it('finds a prefix repeated in a later part, and lists every bad line by its line in the file', async () => {
    const csv =
      HEADER + row('501') + row('502', 'SPACE') + Array.from({ length: 500 }, (_, i) => row(String(6_000 + i))).join('') + row('501');
    await expect(importInParts(csv, 5)).rejects.toMatchObject({
      code: 'TELEPHONY_IMPORT_REJECTED',
      details: {
        problems: [expect.stringMatching(/^line 3: type must be one of/), 'line 504: prefix "501" repeats line 2'],
        problemCount: 2,
      },
    });
    expect(await prefixes()).not.toContain('501');
    expect(await staged()).toEqual({ imports: 0, rows: 0 });
  });

  it('refuses an unreadable file at the part that shows it, and forgets the import', async () => {
    const { importId } = await imports[0]!.begin(ACME);
    await imports[1]!.part(ACME, importId, 0, HEADER + row('71'));
    await expect(imports[0]!.part(ACME, importId, 1, '72,LOCAL,"open')).resolves.toEqual({ received: 1 });
    await expect(imports[1]!.part(ACME, importId, 2, 'x'.repeat(70_000))).rejects.toMatchObject({
      code: 'TELEPHONY_IMPORT_REJECTED',
      message: expect.stringContaining('the file is not valid CSV: the record at line 3 is longer than 65536 characters'),
    });
    expect(await staged()).toEqual({ imports: 0, rows: 0 });
    await expect(imports[0]!.commit(ACME, importId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a part out of order or twice (409), and an import of another tenant (404)', async () => {
    const { importId } = await imports[0]!.begin(ACME);
    await expect(imports[0]!.part(ACME, importId, 1, HEADER)).rejects.toMatchObject({ code: 'CONFLICT' });
    await imports[0]!.part(ACME, importId, 0, HEADER);
    await expect(imports[1]!.part(ACME, importId, 0, HEADER)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(imports[1]!.part(caller('other'), importId, 1, row('81'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(imports[1]!.commit(caller('other'), importId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await imports[1]!.part(ACME, importId, 1, row('81'));
    expect(await imports[0]!.commit(ACME, importId)).toEqual({ created: 1, updated: 0 });
    expect(await prefixes('other')).toEqual([]);
  });

  it('answers a file in one message exactly as one in parts', async () => {
    const csv = HEADER + row('91') + row('92', 'SPACE') + row('91');
    const whole = await imports[0]!.importFile(ACME, csv).catch((error: unknown) => error);
    const parts = await importInParts(csv, 4).catch((error: unknown) => error);
    expect(whole).toEqual(parts);
    expect(whole).toMatchObject({ details: { problemCount: 2 } });
    await expect(imports[0]!.importFile(ACME, '')).rejects.toMatchObject({
      details: { problems: ['the file is empty: it needs a header row'] },
    });
  });

  it('drops an import abandoned for over an hour when the next one begins', async () => {
    const { importId } = await imports[0]!.begin(ACME);
    await imports[0]!.part(ACME, importId, 0, HEADER + row('99'));
    await em
      .fork()
      .nativeUpdate(CallRateImportEntity, { id: importId }, { created_at: new Date(Date.now() - 61 * 60 * 1000) }, { filters: false });
    expect(await staged()).toEqual({ imports: 1, rows: 1 });
    const next = await imports[1]!.begin(caller('other'));
    expect(await staged()).toEqual({ imports: 1, rows: 0 });
    await expect(imports[0]!.commit(ACME, importId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await imports[1]!.part(caller('other'), next.importId, 0, HEADER);
    expect(await imports[1]!.commit(caller('other'), next.importId)).toEqual({ created: 0, updated: 0 });
  });
});
