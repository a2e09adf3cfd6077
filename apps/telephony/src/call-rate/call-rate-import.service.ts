import { Injectable } from '@nestjs/common';
import type { EntityClass } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/sql';
import { randomUUID } from 'node:crypto';
import { CommonErrorCode, DomainException, TelephonyContracts, type CallerContext } from '@billing/contracts';
import { ACROSS_TENANTS, recordChange, tenantScope } from '@billing/persistence';
import { CallRateImportEntity, CallRateImportRowEntity } from './call-rate-import.entity.js';
import { NEW_CSV_READER, readCsv, UnreadableCsv, type CsvRecord } from './call-rate.csv-reader.js';
import { headerProblems, rowBody } from './call-rate.csv.js';
import { CallRateEntity } from './call-rate.entity.js';
import { CallRateEvents } from './call-rate.events.js';
import { importRejected, LISTED_PROBLEMS } from './call-rate.exception.js';
import { SnowflakeIds } from './call-rate.id.js';
import { bumpRateVersion } from '../rating/rate-version.js';
import { readCallRate, type CallRateValues } from './call-rate.rules.js';

/** Rows per insert of a part: bounded statements whatever the file's size. */
const BATCH = 500;
/** Rows per statement of the commit. */
const APPLY_BATCH = 5_000;
const FIELDS = TelephonyContracts.CALL_RATE_FIELDS;
const COLUMNS = FIELDS.map((field) => `"${field}"`).join(', ');
/** A bad row's rate columns: every row of a batch insert names the same columns. */
const NO_RATE = Object.fromEntries([...FIELDS, 'id'].map((field) => [field, null]));
/** An import neither committed nor failed by then was abandoned (the client went away): its rows go. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

type Imported = { created: number; updated: number };

/**
 * Imports of the export format, upserting by prefix, all or nothing. A file comes in parts: each
 * part's whole records are checked as they come and kept, checked, in the database (so no replica
 * holds a file in memory, and no request works on more than one part); the commit lists every
 * problem, or applies every row in one transaction.
 */
@Injectable()
export class CallRateImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly events: CallRateEvents,
    private readonly ids: SnowflakeIds,
  ) {}

  /** A file that fits one message takes the same steps as one sent in parts. */
  async importFile(caller: CallerContext, csv: string): Promise<Imported> {
    const { importId } = await this.begin(caller);
    await this.part(caller, importId, 0, csv);
    return this.commit(caller, importId);
  }

  async begin(caller: CallerContext): Promise<{ importId: string }> {
    await this.purgeAbandoned();
    const em = tenantScope(this.em, caller.tenantId);
    const started = em.create(CallRateImportEntity, { id: randomUUID(), parts: 0, reader: NEW_CSV_READER, created_at: new Date() });
    await em.flush();
    return { importId: started.id };
  }

  async part(caller: CallerContext, importId: string, part: number, text: string): Promise<{ received: number }> {
    await this.read(caller, importId, part, typeof text === 'string' ? text : '', false);
    return { received: part };
  }

  async commit(caller: CallerContext, importId: string): Promise<Imported> {
    const { parts } = await this.find(tenantScope(this.em, caller.tenantId), importId);
    const columns = await this.read(caller, importId, parts, '', true);
    const em = tenantScope(this.em, caller.tenantId);
    await this.markRepeats(em, importId);
    const fileProblems = columns ? headerProblems(columns) : ['the file is empty: it needs a header row'];
    const bad = { import_id: importId, problems: { $ne: null } };
    const badRows = await em.count(CallRateImportRowEntity, bad);
    if (fileProblems.length + badRows > 0) {
      const listed = await em.find(CallRateImportRowEntity, bad, { orderBy: { line: 'asc' }, limit: LISTED_PROBLEMS });
      await this.discard(em, importId);
      throw importRejected([...fileProblems, ...listed.map((row) => `line ${row.line}: ${row.problems}`)], fileProblems.length + badRows);
    }
    const imported = await this.apply(caller.tenantId, importId);
    await this.events.changed(caller.tenantId);
    return imported;
  }

  /**
   * Reads part number `part` (or, with `final`, the end of the file) and keeps its records, checked.
   * Claiming the part number first makes a part that arrives twice, or out of order, a conflict.
   */
  private async read(caller: CallerContext, importId: string, part: number, text: string, final: boolean): Promise<string[] | null> {
    const scoped = tenantScope(this.em, caller.tenantId);
    try {
      return await scoped.transactional(async (em) => {
        const claimed = await em.nativeUpdate(CallRateImportEntity, { id: importId, parts: part }, { parts: part + 1 });
        if (claimed === 0) {
          const known = await this.find(em, importId);
          throw new DomainException(CommonErrorCode.Conflict, `Import ${importId} expects part ${known.parts}, not part ${part}`);
        }
        const { reader } = await this.find(em, importId);
        const read = readCsv(reader, text, final);
        if (read.columns) await this.stage(em, importId, read.columns, read.records);
        await em.nativeUpdate(CallRateImportEntity, { id: importId }, { reader: read.state });
        return read.columns;
      });
    } catch (error) {
      if (!(error instanceof UnreadableCsv)) throw error;
      await this.discard(scoped, importId);
      throw importRejected([`the file is not valid CSV: ${error.message}`]);
    }
  }

  /** Checks each record as a create would be; a prefix that repeats an earlier line's is found at the commit. */
  private async stage(em: EntityManager, importId: string, columns: string[], records: CsvRecord[]): Promise<void> {
    const rows = records.map(({ line, record }) => {
      const body = rowBody(columns, record);
      const read = readCallRate(body, 'create');
      const prefix = typeof body['prefix'] === 'string' ? body['prefix'] : null;
      if ('problems' in read) return { ...NO_RATE, import_id: importId, line, prefix, problems: read.problems.join('; ') };
      const values = read.values as CallRateValues;
      return { import_id: importId, line, ...values, description: values.description ?? null, id: this.ids.next(), problems: null };
    });
    await this.insertRows(em, rows);
  }

  /** Plain SQL, a batch a statement: the EntityManager's own insert costs several times the database's work here. */
  private async insertRows(em: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
    const columns = ['import_id', 'line', 'problems', 'id', ...FIELDS];
    const values = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await em.execute(
        `insert into ${this.table(em, CallRateImportRowEntity)} (${columns.map((c) => `"${c}"`).join(', ')}) ` +
          `values ${batch.map(() => values).join(', ')}`,
        batch.flatMap((row) => columns.map((column) => row[column])),
        'run',
      );
    }
  }

  /**
   * Adds "prefix "…" repeats line N" to every row whose prefix an earlier row of the file has, in one
   * statement over the whole file (a lookup per part would scan a growing table on PostgreSQL,
   * whose planner has no statistics for rows that arrived moments ago).
   */
  private async markRepeats(em: EntityManager, importId: string): Promise<void> {
    const rows = this.table(em, CallRateImportRowEntity);
    await em.execute(
      `update ${rows} as r set "problems" = ` +
        `case when r."problems" is null then '' else r."problems" || '; ' end || ` +
        `'prefix "' || r."prefix" || '" repeats line ' || cast(f."first" as varchar(20)) ` +
        `from (select "prefix", min("line") as "first" from ${rows} where "import_id" = ? and "prefix" is not null ` +
        `group by "prefix" having count(*) > 1) f ` +
        `where r."import_id" = ? and r."prefix" = f."prefix" and r."line" > f."first"`,
      [importId, importId],
      'run',
    );
  }

  /**
   * Every kept row, upserted by prefix in statements of APPLY_BATCH rows (so the database does the
   * work, and on SQLite no one statement holds the process long), in one transaction that also drops
   * the import. Plain SQL: the EntityManager would load and track every row. It names the tenant
   * itself, as the tenant scope would: the import was found in the caller's tenant, and only its
   * rows are read.
   */
  private apply(tenantId: string, importId: string): Promise<Imported> {
    return tenantScope(this.em, tenantId).transactional(async (em) => {
      const rates = this.table(em, CallRateEntity);
      const rows = this.table(em, CallRateImportRowEntity);
      const [{ total, existing }] = await em.execute<{ total: number | string; existing: number | string }[]>(
        `select count(*) as "total", count(c."id") as "existing" from ${rows} r ` +
          `left join ${rates} c on c."tenant_id" = ? and c."prefix" = r."prefix" where r."import_id" = ?`,
        [tenantId, importId],
      );
      const now = em.getPlatform().processDateProperty(new Date());
      const set = [...FIELDS, 'updated_at'].map((f) => `"${f}" = excluded."${f}"`).join(', ');
      for (let after = 0; ;) {
        const [next] = await em.execute<{ line: number }[]>(
          `select "line" from ${rows} where "import_id" = ? and "line" > ? order by "line" limit 1 offset ${APPLY_BATCH - 1}`,
          [importId, after],
        );
        const upTo = next ? ` and "line" <= ${Number(next.line)}` : '';
        await em.execute(
          `insert into ${rates} ("id", "tenant_id", ${COLUMNS}, "created_at", "updated_at") ` +
            `select "id", ?, ${COLUMNS}, ?, ? from ${rows} where "import_id" = ? and "line" > ?${upTo} ` +
            `on conflict ("tenant_id", "prefix") do update set ${set}`,
          [tenantId, now, now, importId, after],
          'run',
        );
        if (!next) break;
        after = Number(next.line);
      }
      await this.discard(em, importId);
      await bumpRateVersion(em, tenantId);
      const imported = { created: Number(total) - Number(existing), updated: Number(existing) };
      // One row for the whole import: its rows are written by plain SQL, which the ORM does not see.
      await recordChange(em, {
        action: 'UPDATE',
        objectType: 'call_rate',
        objectId: `import:${importId}`,
        changes: { created: { new: imported.created }, updated: { new: imported.updated } },
        tenantId,
      });
      return imported;
    });
  }

  /** An entity's table as plain SQL names it: in the service's schema on PostgreSQL. */
  private table(em: EntityManager, entity: EntityClass<object>): string {
    const meta = em.getMetadata(entity);
    const schema = meta.schema ?? em.config.get('schema');
    return [schema, meta.tableName]
      .filter((name) => name !== undefined)
      .map((name) => `"${name}"`)
      .join('.');
  }

  private async find(em: EntityManager, importId: string): Promise<CallRateImportEntity> {
    const found = typeof importId === 'string' ? await em.findOne(CallRateImportEntity, { id: importId }) : null;
    if (!found) throw new DomainException(CommonErrorCode.NotFound, `Import ${String(importId).slice(0, 64)} not found`);
    return found;
  }

  private async discard(em: EntityManager, importId: string): Promise<void> {
    await em.nativeDelete(CallRateImportRowEntity, { import_id: importId });
    await em.nativeDelete(CallRateImportEntity, { id: importId });
  }

  private async purgeAbandoned(): Promise<void> {
    const em = this.em.fork();
    const cutoff = new Date(Date.now() - ABANDONED_AFTER_MS);
    const abandoned = await em.find(CallRateImportEntity, { created_at: { $lt: cutoff } }, { ...ACROSS_TENANTS, fields: ['id'] });
    for (const { id } of abandoned) {
      await em.nativeDelete(CallRateImportRowEntity, { import_id: id });
      await em.nativeDelete(CallRateImportEntity, { id }, ACROSS_TENANTS);
    }
  }
}
